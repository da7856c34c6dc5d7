/// The language a post is indexed in: the one its source declares, unless its text plainly says
/// otherwise (a WordPress channel declaring `en-US` over Chinese posts, a theme's `<html
/// lang="en">` over French ones); the one its text is written in when the source is silent.
enum LanguageChoice {
    /// A detected language overrides a declared one only when the detector is sure and most of
    /// the text is in it: code samples and quoted names must not outvote a declaration. Between
    /// two languages of the same script (a French post declared English) nearly all of it must be.
    static let overridePercent = 70
    static let sameScriptOverridePercent = 90

    /// The post's language: declared, detected, or nil when neither is known.
    static func language(declared: String?, title: String, body: String) -> String? {
        let guess = LanguageDetector.guess(title + "\n\n" + body)
        guard let declared, Languages.code(for: declared) != nil else {
            guard let guess, isTrustworthy(guess) else { return declared }
            return guess.code
        }
        let detected = guess.map { Languages.primaryCode($0.code) } ?? ""
        let stated = Languages.primaryCode(declared)
        guard let guess, guess.reliable, guess.percent >= overridePercent, detected != stated else { return declared }
        if latinScriptLanguages.contains(detected), latinScriptLanguages.contains(stated) {
            // Close neighbours (Spanish and Galician, Danish and Norwegian) are told apart too
            // uncertainly to overrule the source.
            guard guess.percent >= sameScriptOverridePercent, !closeNeighbours.contains(where: { $0.contains(detected) && $0.contains(stated) })
            else { return declared }
        }
        return guess.code
    }

    /// Languages a detector easily takes for one another.
    private static let closeNeighbours: [Set<String>] = [
        ["es", "gl", "pt", "ca", "oc"], ["da", "nb", "nn", "no", "sv"], ["cs", "sk"], ["hr", "sr", "bs", "sl"], ["id", "ms"],
        ["nl", "af", "fy"],
    ]

    /// Whether a guess may stand in for a missing declaration: a reliable one, or one whose text
    /// is mostly in a script few languages share (CJK, Cyrillic, Greek, …), which CLD2 tells
    /// apart even in a short text.
    static func isTrustworthy(_ guess: LanguageDetector.Guess) -> Bool {
        guess.reliable || guess.percent >= 80 && !latinScriptLanguages.contains(Languages.primaryCode(guess.code))
    }

    /// Languages written in Latin script, where a short text is easily mistaken for a neighbour's.
    private static let latinScriptLanguages: Set<String> = [
        "en", "fr", "de", "es", "it", "pt", "nl", "da", "sv", "nb", "nn", "no", "fi", "is", "ga", "cy", "eu", "ca", "gl",
        "ro", "pl", "cs", "sk", "sl", "hr", "bs", "sr", "hu", "et", "lv", "lt", "tr", "az", "id", "ms", "tl", "sw", "vi",
        "af", "sq", "mt", "eo", "la", "lb", "fy", "oc", "br", "co", "gd", "ht", "haw", "jw", "mg", "mi", "sm", "so", "st",
        "su", "to", "uz", "xh", "yo", "zu", "ig", "ha", "ceb", "hmn", "ku", "tk", "rw", "ny", "sn",
    ]
}
