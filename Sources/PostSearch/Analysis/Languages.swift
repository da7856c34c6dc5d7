/// Language codes, language names, and the Snowball stemmers Xapian 1.4 has for them.
///
/// Everywhere a language is given (`--language`, `language=`, `lang:`, a post's own `lang`), a
/// BCP 47 code (`fr`, `en-US`, `zh_Hant`) or an English name (`french`, `japanese`) is accepted.
public enum Languages {
    /// ISO 639-1 codes of Xapian 1.4's stemmers.
    static let stemmers: [String: String] = [
        "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
        "en": "english", "fi": "finnish", "fr": "french", "de": "german", "hu": "hungarian", "id": "indonesian",
        "ga": "irish", "it": "italian", "lt": "lithuanian", "ne": "nepali", "nb": "norwegian", "nn": "norwegian",
        "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish", "sv": "swedish",
        "ta": "tamil", "tr": "turkish",
    ]
    /// Xapian's stemmer names, including its variants of some languages.
    static let stemmerNames = Set(stemmers.values).union(["none", "porter", "lovins", "earlyenglish", "german2", "kraaij_pohlmann"])

    /// English names of languages without a stemmer that archives often hold.
    private static let unstemmedNames: [String: String] = [
        "japanese": "ja", "chinese": "zh", "korean": "ko", "persian": "fa", "greek": "el", "hebrew": "he",
        "polish": "pl", "czech": "cs", "ukrainian": "uk", "vietnamese": "vi", "thai": "th", "hindi": "hi",
        "slovenian": "sl", "croatian": "hr", "serbian": "sr", "bulgarian": "bg", "slovak": "sk",
    ]

    /// The code a name stands for (`french` → `fr`), the code itself lower-cased with `_` as `-`
    /// (`pt_BR` → `pt-br`), or nil when it is neither a known name nor shaped like a BCP 47 code.
    public static func code(for language: String) -> String? {
        let lowered = language.trimmingWhitespace().lowercased().replacingOccurrences(of: "_", with: "-")
        if let code = unstemmedNames[lowered] { return code }
        if stemmerNames.contains(lowered) {
            let variants = ["porter": "english", "lovins": "english", "earlyenglish": "english", "german2": "german", "kraaij_pohlmann": "dutch"]
            let name = variants[lowered] ?? lowered
            return stemmers.filter { $0.value == name }.map(\.key).min() ?? (name == "none" ? nil : lowered)
        }
        let parts = lowered.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy({ $0 >= "a" && $0 <= "z" }),
              parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return lowered
    }

    /// `en-US` → `en`; `pt_BR` → `pt`; names pass through lower-cased.
    public static func primaryCode(_ language: String) -> String {
        let lowered = language.trimmingWhitespace().lowercased()
        return String(lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
    }

    /// The stemmer for a language code or name: `en-US` → `english`, `french` → `french`;
    /// "none" for languages Xapian cannot stem (Japanese, Persian, …).
    public static func stemmer(for language: String) -> String {
        let lowered = language.trimmingWhitespace().lowercased()
        if stemmerNames.contains(lowered) { return lowered }
        return stemmers[primaryCode(lowered)] ?? "none"
    }

    /// Whether this is a language code or a name postsearch knows.
    public static func isKnown(_ language: String) -> Bool {
        language.trimmingWhitespace().lowercased() == "none" || code(for: language) != nil
    }
}
