/// Byte-level reading of UTF-8 text for snippets: words, their keys, scalar boundaries.
/// Scalars are decoded only outside ASCII.
enum TextScanner {
    /// Runs of letters, digits and marks, as byte ranges.
    static func words(in text: UnsafeBufferPointer<UInt8>) -> [SnippetMaker.Word] {
        var words: [SnippetMaker.Word] = []
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
                words.append(.init(start: wordStart, end: index))
                wordStart = -1
            }
            index += width
        }
        if wordStart >= 0 { words.append(.init(start: wordStart, end: text.count)) }
        return words
    }

    /// A word as the index holds it: folded and lower-cased (ASCII words only lower-cased).
    static func key(of word: UnsafeBufferPointer<UInt8>) -> String {
        guard word.allSatisfy({ $0 < 0x80 }) else {
            return TextFolding.fold(String(decoding: word, as: UTF8.self)).lowercased()
        }
        return String(unsafeUninitializedCapacity: word.count) { out in
            for (index, byte) in word.enumerated() { out[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            return word.count
        }
    }

    /// The scalar starting at byte `index` of valid UTF-8, and its width in bytes.
    static func scalar(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(text[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0xFF >> (width + 1))
        for offset in 1..<min(width, text.count - index) { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// The start of the scalar holding byte `index` (UTF-8 continuation bytes are 10xxxxxx).
    static func scalarStart(in text: UnsafeBufferPointer<UInt8>, atOrBefore index: Int) -> Int {
        var at = min(max(index, 0), text.count)
        while at > 0, at < text.count, text[at] & 0xC0 == 0x80 { at -= 1 }
        return at
    }

    /// The end of the run of non-space characters starting at `index`.
    static func endOfNonSpace(in text: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var end = index
        while end < text.count {
            let (scalar, width) = scalar(in: text, at: end)
            if isSpace(scalar) { break }
            end += width
        }
        return end
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// Letters, digits and combining marks (outside ASCII: the tokenizer answers ASCII itself).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
    }
}

/// Builds a snippet's text from ranges of the source, runs of white space as one space, and
/// records where the marked pieces land in the result.
struct SnippetBuilder {
    let text: UnsafeBufferPointer<UInt8>
    private var out: [UInt8] = []
    private var highlights: [Range<Int>] = []
    private var lastWasSpace = false

    init(text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        out.reserveCapacity(256)
    }

    mutating func appendEllipsis() {
        out += "…".utf8
        lastWasSpace = false
    }

    mutating func append(_ range: Range<Int>, marked: Bool = false) {
        let start = out.count
        var index = range.lowerBound
        while index < range.upperBound {
            let (scalar, width) = TextScanner.scalar(in: text, at: index)
            if TextScanner.isSpace(scalar) {
                if !lastWasSpace { out.append(0x20) }
                lastWasSpace = true
            } else {
                out += text[index..<min(index + width, range.upperBound)]
                lastWasSpace = false
            }
            index += width
        }
        if marked, out.count > start { highlights.append(start..<out.count) }
    }

    var snippet: Snippet { Snippet(text: String(decoding: out, as: UTF8.self), highlights: highlights) }
}
