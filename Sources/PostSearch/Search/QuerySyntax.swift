/// The parts of postsearch's query syntax that Xapian's QueryParser does not know: date filters
/// written in the query. They are taken out of the text and applied as filters on the whole query.
///
/// | written | means |
/// |---|---|
/// | `date:2021-06-01..2021-06-30` | from 1 to 30 June 2021, inclusive |
/// | `date:2021..2022` | the years 2021 and 2022 |
/// | `date:2021-06`, `date:2021-06-19` | that month, that day |
/// | `date:..2020-12-31`, `date:2021-03..` | open ends |
/// | `year:2021` | the year 2021 |
enum QuerySyntax {
    struct DateFilter: Equatable {
        let low: String?
        let high: String?
    }

    /// Splits `text` into the query for Xapian and the date filters found outside quotes.
    static func extractDateFilters(_ text: String) throws -> (query: String, dates: [DateFilter]) {
        var kept: [Substring] = []
        var dates: [DateFilter] = []
        var inQuotes = false
        for token in text.split(separator: " ", omittingEmptySubsequences: false) {
            let quotes = token.filter { $0 == "\"" }.count
            defer { if quotes % 2 == 1 { inQuotes.toggle() } }
            guard !inQuotes, quotes == 0, let colon = token.firstIndex(of: ":") else { kept.append(token); continue }
            let field = token[..<colon].lowercased()
            let value = String(token[token.index(after: colon)...])
            switch field {
            case "date": dates.append(try dateFilter(value, written: String(token)))
            case "year":
                guard value.count == 4, Int(value) != nil else {
                    throw PostSearchError.invalidQuery("\(token): write year:YYYY, e.g. year:2021")
                }
                dates.append(try dateFilter(value, written: String(token)))
            default: kept.append(token)
            }
        }
        return (kept.joined(separator: " "), dates)
    }

    /// The words of `text` that no field names, where they are and as the index holds them
    /// (lowercased), without boolean operators and wildcards: the words worth correcting.
    static func plainWords(in text: String) -> [(range: Range<String.Index>, word: String)] {
        let operators: Set<Substring> = ["AND", "OR", "NOT", "XOR", "NEAR", "ADJ"]
        var words: [(Range<String.Index>, String)] = []
        for token in text.split(whereSeparator: \.isWhitespace) {
            let head = token.split(separator: "/", maxSplits: 1).first ?? token
            guard !token.contains(":"), !operators.contains(head) else { continue }
            var pieces = token.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            if token.hasSuffix("*"), !pieces.isEmpty { pieces.removeLast() }
            words += pieces.map { ($0.startIndex..<$0.endIndex, $0.lowercased()) }
        }
        return words
    }

    private static func dateFilter(_ value: String, written: String) throws -> DateFilter {
        do {
            if let dots = value.range(of: "..") {
                let from = String(value[..<dots.lowerBound]), to = String(value[dots.upperBound...])
                guard !(from.isEmpty && to.isEmpty) else { throw PostSearchError.invalidQuery("empty range") }
                let filter = DateFilter(low: from.isEmpty ? nil : try DateBound.lower(parsing: from, parameter: "date"),
                                        high: to.isEmpty ? nil : try DateBound.upper(parsing: to, parameter: "date"))
                if let low = filter.low, let high = filter.high, low > high {
                    throw PostSearchError.invalidQuery("the range ends before it starts")
                }
                return filter
            }
            return DateFilter(low: try DateBound.lower(parsing: value, parameter: "date"),
                              high: try DateBound.upper(parsing: value, parameter: "date"))
        } catch {
            throw PostSearchError.invalidQuery(
                "\(written) is not a date filter; write date:2021-06, date:2021-06-01..2021-06-30, date:..2020-12-31 or year:2021")
        }
    }
}
