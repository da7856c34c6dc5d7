/// Chinese, Japanese and Korean script: written without spaces between words, so Xapian indexes
/// it as character n-grams (every character, and every pair of neighbours), and queries look
/// for the pairs.
enum CJK {
    /// The code point ranges Xapian 1.4 treats as CJK (its `CJK::codepoint_is_cjk`): Hangul,
    /// CJK radicals, symbols, kana, Bopomofo, ideographs, compatibility and full-width forms.
    private static let ranges: [ClosedRange<UInt32>] = [
        0x1100...0x11FF, 0x2E80...0x2FDF, 0x3000...0x9FFF, 0xA700...0xA71F, 0xA960...0xA97F,
        0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x1B000...0x1B12F,
        0x1F200...0x1F2FF, 0x20000...0x2A6DF, 0x2A700...0x2EBEF, 0x2F800...0x2FA1F,
    ]

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value >= 0x1100 else { return false }
        return ranges.contains { $0.contains(value) }
    }

    /// Whether every scalar of `text` is CJK (a term Xapian made from CJK text).
    static func isCJK(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { isCJK($0) }
    }

    /// The pairs of neighbouring characters of a run: the terms a run of two or more is found by.
    static func pairs(of characters: [String]) -> [String] {
        characters.count < 2 ? characters : (0..<characters.count - 1).map { characters[$0] + characters[$0 + 1] }
    }
}
