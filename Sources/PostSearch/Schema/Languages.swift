/// Language codes and the Snowball stemmers Xapian 1.4 has for them.
public enum Languages {
    /// ISO 639-1 codes of Xapian 1.4's stemmers.
    static let stemmers: [String: String] = [
        "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
        "en": "english", "fi": "finnish", "fr": "french", "de": "german", "hu": "hungarian", "id": "indonesian",
        "ga": "irish", "it": "italian", "lt": "lithuanian", "ne": "nepali", "nb": "norwegian", "nn": "norwegian",
        "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish", "sv": "swedish",
        "ta": "tamil", "tr": "turkish",
    ]
    static let stemmerNames = Set(stemmers.values).union(["none", "porter", "lovins", "earlyenglish", "german2", "kraaij_pohlmann"])

    /// `en-US` → `en`; `pt_BR` → `pt`; names pass through lower-cased.
    public static func primaryCode(_ language: String) -> String {
        let lowered = language.trimmingWhitespace().lowercased()
        return String(lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
    }

    /// The stemmer for a language code or stemmer name: `en-US` → `english`, `french` → `french`;
    /// "none" for languages Xapian cannot stem (Japanese, Persian, …).
    public static func stemmer(for language: String) -> String {
        let lowered = language.trimmingWhitespace().lowercased()
        if stemmerNames.contains(lowered) { return lowered }
        return stemmers[primaryCode(lowered)] ?? "none"
    }

    /// Whether Xapian knows this language or stemmer name.
    public static func isKnown(_ language: String) -> Bool {
        let lowered = language.trimmingWhitespace().lowercased()
        return stemmerNames.contains(lowered) || stemmers[primaryCode(lowered)] != nil
    }
}
