/// A date filter written in a query. It applies to the whole query, like `--from` / `--to`:
///
/// | written | means |
/// |---|---|
/// | `date:2021-06-01..2021-06-30` | from 1 to 30 June 2021, inclusive |
/// | `date:2021..2022` | the years 2021 and 2022 |
/// | `date:2021-06`, `date:2021-06-19` | that month, that day |
/// | `date:..2020-12-31`, `date:2021-03..` | open ends |
/// | `year:2021` | the year 2021 |
struct DateFilter: Equatable {
    /// Bounds comparable with `PostDate.sortKey` (nil: open).
    let low: String?
    let high: String?

    /// The filter of `date:VALUE` or `year:VALUE`; `written` is the whole token, for messages.
    init(field: String, value: String, written: String) throws {
        if field == "year" {
            guard value.count == 4, Int(value) != nil else {
                throw PostSearchError.invalidQuery("\(written): write year:YYYY, e.g. year:2021")
            }
        }
        do {
            if let dots = value.range(of: "..") {
                let from = String(value[..<dots.lowerBound]), to = String(value[dots.upperBound...])
                guard !(from.isEmpty && to.isEmpty) else { throw PostSearchError.invalidQuery("empty range") }
                low = from.isEmpty ? nil : try DateBound.lower(parsing: from, parameter: "date")
                high = to.isEmpty ? nil : try DateBound.upper(parsing: to, parameter: "date")
                if let low, let high, low > high { throw PostSearchError.invalidQuery("the range ends before it starts") }
            } else {
                low = try DateBound.lower(parsing: value, parameter: "date")
                high = try DateBound.upper(parsing: value, parameter: "date")
            }
        } catch {
            throw PostSearchError.invalidQuery(
                "\(written) is not a date filter; write date:2021-06, date:2021-06-01..2021-06-30, date:..2020-12-31 or year:2021")
        }
    }
}
