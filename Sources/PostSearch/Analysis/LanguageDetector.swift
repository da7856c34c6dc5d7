import CLanguageDetector

/// The language a post is written in, when its source does not say or says wrong: Google's
/// Compact Language Detector 2 (Debian `libcld2`), which knows 80+ languages and every script.
enum LanguageDetector {
    struct Guess: Equatable {
        /// `en`, `ja`, `zh`, `zh-hant`, … (lower case).
        let code: String
        /// Share of the text in that language, 0…100.
        let percent: Int
        let reliable: Bool
        /// Letters the detector looked at.
        let letters: Int
    }

    /// The detector reads this much of a text at most: the start of a post tells its language.
    static let sampleBytes = 16_384

    static func guess(_ text: String) -> Guess? {
        var text = String(text.utf8.prefix(sampleBytes)) ?? String(decoding: text.utf8.prefix(sampleBytes), as: UTF8.self)
        var raw = pse_language_guess()
        let found = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { pse_detect_language($0.baseAddress, $0.count, &raw) }
        }
        guard found else { return nil }
        let code = withUnsafeBytes(of: raw.code) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }.lowercased()
        return Guess(code: code, percent: Int(raw.percent), reliable: raw.reliable, letters: Int(raw.text_bytes))
    }
}
