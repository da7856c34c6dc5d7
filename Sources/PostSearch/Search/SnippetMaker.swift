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

    /// A word of the text: its UTF-8 byte range, and its key when it matched.
    private struct Word {
        let start: Int, end: Int
        var key: String?
    }

    /// About `length` bytes of `text` around the most (distinct) matches, HTML-escaped, each
    /// match in `<mark>…</mark>`, `…` where text was cut. The opening when nothing matches.
    /// Works on the text's UTF-8 bytes: decoding scalars only for non-ASCII bytes keeps a
    /// 10 KB body to some microseconds.
    func snippet(of text: String, matchingTerms terms: [String], length: Int) throws -> String {
        var text = text
        return try text.withUTF8 { try snippet(of: $0, matchingTerms: terms, length: length) }
    }

    private func snippet(of text: UnsafeBufferPointer<UInt8>, matchingTerms terms: [String], length: Int) throws -> String {
        let (targetWords, targetStems) = Self.targets(of: terms)
        var words = Self.tokenize(text)
        if !targetWords.isEmpty || !targetStems.isEmpty {
            // Most words match nothing: an ASCII word whose first letter starts no target is passed
            // over before its key is made. (Stems keep a word's first letter in the suffix-only
            // stemmers listed in `keepsInitial`; for the others every word is stemmed.)
            // The targets' first bytes, as bits (a set lookup per word hashes).
            var initials: (low: UInt64, high: UInt64) = (0, 0)
            for byte in (targetStems.union(targetWords)).compactMap(\.utf8.first) where byte < 0x80 {
                if byte < 64 { initials.low |= 1 << byte } else { initials.high |= 1 << (byte - 64) }
            }
            let checkInitial = targetStems.isEmpty || keepsInitial
            for index in words.indices {
                var lead = text[words[index].start]
                if lead >= 0x41 && lead <= 0x5A { lead |= 0x20 }
                if checkInitial, lead < 0x80, (lead < 64 ? initials.low >> lead : initials.high >> (lead - 64)) & 1 == 0 { continue }
                let key = Self.key(of: UnsafeBufferPointer(rebasing: text[words[index].start..<words[index].end]))
                if targetWords.contains(key) {
                    words[index].key = key
                } else if !targetStems.isEmpty, targetStems.contains(try stem(key)) {
                    words[index].key = key
                }
            }
        }
        guard !words.isEmpty else { return "" }
        let (first, last) = window(words, length: length)
        return Self.render(text, words: words, first: first, last: last)
    }

    /// A word as the index holds it: folded and lower-cased (ASCII words only lower-cased).
    private static func key(of word: UnsafeBufferPointer<UInt8>) -> String {
        guard word.allSatisfy({ $0 < 0x80 }) else {
            return TextFolding.fold(String(decoding: word, as: UTF8.self)).lowercased()
        }
        return String(unsafeUninitializedCapacity: word.count) { out in
            for (index, byte) in word.enumerated() { out[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            return word.count
        }
    }

    private func stem(_ word: String) throws -> String {
        if let known = stems[word] { return known }
        let stemmed = try stemmer.stem(word)
        if stems.count > 50_000 { stems.removeAll() }
        stems[word] = stemmed
        return stemmed
    }

    /// The scalar starting at byte `index` of valid UTF-8, and its width in bytes.
    private static func scalar(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(text[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0xFF >> (width + 1))
        for offset in 1..<min(width, text.count - index) { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// Runs of letters, digits and marks, as byte ranges.
    private static func tokenize(_ text: UnsafeBufferPointer<UInt8>) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(text.count / 5)
        var index = 0, wordStart = -1
        while index < text.count {
            let byte = text[index]
            let inWord: Bool, width: Int
            if byte < 0x80 {
                inWord = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                width = 1
            } else {
                let (scalar, size) = scalar(in: text, at: index)
                inWord = isWordScalar(scalar)
                width = size
            }
            if inWord, wordStart < 0 { wordStart = index }
            if !inWord, wordStart >= 0 {
                words.append(Word(start: wordStart, end: index))
                wordStart = -1
            }
            index += width
        }
        if wordStart >= 0 { words.append(Word(start: wordStart, end: text.count)) }
        return words
    }

    /// Letters, digits and combining marks (outside ASCII: the tokenizer answers ASCII itself).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
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
            while last + 1 < words.count, words[last + 1].end - words[first].start <= length { last += 1 }
            // Near the end of the text, use the room left over for words before.
            while first > 0, words[last].end - words[first - 1].start <= length { first -= 1 }
            let keys = words[first...last].compactMap(\.key)
            let score = Set(keys).count * 1000 + keys.count
            if score > best.score { best = (first, last, score) }
        }
        return (best.first, best.last)
    }

    private static func render(_ text: UnsafeBufferPointer<UInt8>, words: [Word], first: Int, last: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(words[last].end - words[first].start + 64)
        if first > 0 { out += "…".utf8 }
        var cursor = words[first].start
        for index in first...last {
            let word = words[index]
            appendEscapedCollapsingSpace(text, cursor..<word.start, to: &out)
            if word.key != nil { out += "<mark>".utf8 }
            appendEscapedCollapsingSpace(text, word.start..<word.end, to: &out)
            if word.key != nil { out += "</mark>".utf8 }
            cursor = word.end
        }
        // Keep the punctuation that closes the last word (a full stop, a quote).
        var end = cursor
        while end < text.count {
            let (scalar, width) = scalar(in: text, at: end)
            if isSpace(scalar) { break }
            end += width
        }
        appendEscapedCollapsingSpace(text, cursor..<end, to: &out)
        if last < words.count - 1 { out += "…".utf8 }
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendEscapedCollapsingSpace(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to out: inout [UInt8]) {
        var index = range.lowerBound
        var lastWasSpace = false
        while index < range.upperBound {
            let (scalar, width) = scalar(in: text, at: index)
            defer { index += width }
            if isSpace(scalar) {
                if !lastWasSpace { out.append(0x20) }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            switch scalar {
            case "&": out += "&amp;".utf8
            case "<": out += "&lt;".utf8
            case ">": out += "&gt;".utf8
            default: out += text[index..<index + width]
            }
        }
    }
}
