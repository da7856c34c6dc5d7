import CLanguageDetector

/// The language a post is written in, when its source does not say or says wrong: Google's
/// Compact Language Detector 2 (Debian `libcld2`), which knows 80+ languages and every script.
enum LanguageDetector {
    struct Guess: Equatable {
        /// The languages found, most of the text first: (`en`, `ja`, `zh`, `zh-hant`, …; share 0…100).
        let languages: [(code: String, percent: Int)]
        /// The first is clearly ahead of the second.
        let reliable: Bool
        /// Letters the detector looked at.
        let letters: Int

        var code: String { languages[0].code }
        var percent: Int { languages[0].percent }

        /// The share of the text in `primary` (a primary code, `en`).
        func share(of primary: String) -> Int {
            languages.filter { Languages.primaryCode($0.code) == primary }.reduce(0) { $0 + $1.percent }
        }

        static func == (a: Guess, b: Guess) -> Bool {
            a.languages.map(\.code) == b.languages.map(\.code) && a.languages.map(\.percent) == b.languages.map(\.percent)
                && a.reliable == b.reliable && a.letters == b.letters
        }
    }

    /// The detector reads this much of a text at most: the start of a post tells its language.
    static let sampleBytes = 16_384

    static func guess(_ text: String) -> Guess? {
        var sample = String(decoding: text.utf8.prefix(sampleBytes), as: UTF8.self)
        var raw = pse_language_guess()
        let found = sample.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { pse_detect_language($0.baseAddress, $0.count, &raw) }
        }
        guard found else { return nil }
        let codes = withUnsafeBytes(of: raw.codes) { bytes in
            (0..<3).map { index in
                String(decoding: bytes[(index * 16)..<(index * 16 + 16)].prefix { $0 != 0 }, as: UTF8.self).lowercased()
            }
        }
        let percents = [raw.percents.0, raw.percents.1, raw.percents.2].map(Int.init)
        // "un" is CLD2's code for text it could not place.
        let languages = zip(codes, percents).filter { !$0.0.isEmpty && $0.0 != "un" }.map { (code: $0.0, percent: $0.1) }
        guard !languages.isEmpty else { return nil }
        return Guess(languages: languages, reliable: raw.reliable, letters: Int(raw.text_bytes))
    }
}
