/// Cuts a snippet from a post's own text around the words that matched the query, marking them
/// as written (accents and case kept) even though the index holds folded, stemmed terms.
///
/// Xapian's `MSet::snippet` would compare its own terms of the text with the query's, and the
/// folded query (`portoroz`) never meets the unfolded text (`Portorož`); so the matching is done
/// here, with the terms Xapian reports as matching each hit (wildcards already expanded).
final class SnippetMaker {
    private let stemmer: XapianStemmer
    private var stems: [String: String] = [:]

    /// Free-text fields whose terms may appear in the body (filter terms never do).
    private static let textPrefixes: Set<Substring> = ["", "S", "A", "XCAT", "XTAG"]

    /// Whether the stemmer only ever changes word endings (Snowball's for these languages).
    private let keepsInitial: Bool

    init(language: String) throws {
        stemmer = try XapianStemmer(language: language)
        keepsInitial = ["english", "porter", "french", "german", "spanish", "italian", "portuguese",
                        "swedish", "norwegian", "danish", "finnish", "russian", "romanian", "hungarian"].contains(language)
    }

    /// The words and stems (without prefixes) among a hit's matching terms.
    static func targets(of terms: [String]) -> (words: Set<String>, stems: Set<String>) {
        var words: Set<String> = [], stems: Set<String> = []
        for term in terms {
            var rest = Substring(term)
            let stemmed = rest.first == "Z"
            if stemmed { rest = rest.dropFirst() }
            let prefix = rest.prefix(while: { $0.isASCII && $0.isUppercase })
            guard textPrefixes.contains(prefix) else { continue }
            let word = String(rest.dropFirst(prefix.count))
            guard !word.isEmpty else { continue }
            if stemmed { stems.insert(word) } else { words.insert(word) }
        }
        return (words, stems)
    }

    private struct Word {
        let start: String.UnicodeScalarView.Index, end: String.UnicodeScalarView.Index
        let startByte: Int, endByte: Int
        var key: String?
    }

    /// About `length` bytes of `text` around the most (distinct) matches, HTML-escaped, each
    /// match in `<mark>…</mark>`, `…` where text was cut. The opening when nothing matches.
    func snippet(of text: String, matchingTerms terms: [String], length: Int) throws -> String {
        let (targetWords, targetStems) = Self.targets(of: terms)
        var words = tokenize(text)
        if !targetWords.isEmpty || !targetStems.isEmpty {
            // Most words match nothing: an ASCII word whose first letter starts no target is passed
            // over before its key is made. (Stems keep a word's first letter in the suffix-only
            // stemmers listed in `keepsInitial`; for the others every word is stemmed.)
            let initials = Set((targetStems.union(targetWords)).compactMap(\.utf8.first))
            let checkInitial = targetStems.isEmpty || keepsInitial
            for index in words.indices {
                let word = Substring(text.unicodeScalars[words[index].start..<words[index].end])
                let lead = word.utf8.first!
                if checkInitial, lead < 0x80, !initials.contains(lead | (lead >= 0x41 && lead <= 0x5A ? 0x20 : 0)) { continue }
                let key = Self.key(of: word)
                if targetWords.contains(key) {
                    words[index].key = key
                } else if !targetStems.isEmpty, targetStems.contains(try stem(key)) {
                    words[index].key = key
                }
            }
        }
        guard !words.isEmpty else { return "" }
        let (first, last) = window(words, length: length)
        return render(text, words: words, first: first, last: last)
    }

    /// A word as the index holds it: folded and lower-cased (ASCII words only lower-cased).
    private static func key(of word: Substring) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return TextFolding.fold(String(word)).lowercased()
    }

    private func stem(_ word: String) throws -> String {
        if let known = stems[word] { return known }
        let stemmed = try stemmer.stem(word)
        if stems.count > 50_000 { stems.removeAll() }
        stems[word] = stemmed
        return stemmed
    }

    /// Runs of letters, digits and marks, with their byte offsets.
    private func tokenize(_ text: String) -> [Word] {
        var words: [Word] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex, byte = 0
        var wordStart: String.UnicodeScalarView.Index?, wordStartByte = 0
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let inWord = Self.isWordScalar(scalar)
            if inWord, wordStart == nil { wordStart = index; wordStartByte = byte }
            if !inWord, let start = wordStart {
                words.append(Word(start: start, end: index, startByte: wordStartByte, endByte: byte))
                wordStart = nil
            }
            byte += UTF8.width(scalar)
            index = scalars.index(after: index)
        }
        if let start = wordStart { words.append(Word(start: start, end: scalars.endIndex, startByte: wordStartByte, endByte: byte)) }
        return words
    }

    /// Letters, digits and combining marks; ASCII answered without the Unicode tables (the hot path).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// The run of words, at most `length` bytes, holding the most distinct matches (then the most matches).
    private func window(_ words: [Word], length: Int) -> (Int, Int) {
        let matched = words.indices.filter { words[$0].key != nil }
        var best = (first: 0, last: 0, score: -1)
        for candidate in matched.isEmpty ? [0] : matched {
            var first = matched.isEmpty ? 0 : max(0, candidate - 4)
            var last = first
            while last + 1 < words.count, words[last + 1].endByte - words[first].startByte <= length { last += 1 }
            // Near the end of the text, use the room left over for words before.
            while first > 0, words[last].endByte - words[first - 1].startByte <= length { first -= 1 }
            let keys = words[first...last].compactMap(\.key)
            let score = Set(keys).count * 1000 + keys.count
            if score > best.score { best = (first, last, score) }
        }
        return (best.first, best.last)
    }

    private func render(_ text: String, words: [Word], first: Int, last: Int) -> String {
        let scalars = text.unicodeScalars
        var out = first > 0 ? "…" : ""
        var cursor = words[first].start
        for index in first...last {
            let word = words[index]
            out += Self.escapedCollapsingSpace(scalars[cursor..<word.start])
            let written = Self.escapedCollapsingSpace(scalars[word.start..<word.end])
            out += word.key == nil ? written : "<mark>" + written + "</mark>"
            cursor = word.end
        }
        // Keep the punctuation that closes the last word (a full stop, a quote).
        var end = cursor
        while end < scalars.endIndex, !Self.isSpace(scalars[end]) { end = scalars.index(after: end) }
        out += Self.escapedCollapsingSpace(scalars[cursor..<end])
        if last < words.count - 1 { out += "…" }
        return out
    }

    private static func escapedCollapsingSpace(_ slice: Substring.UnicodeScalarView) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in slice {
            if isSpace(scalar) {
                if !lastWasSpace { out += " " }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
