/// The language a post is indexed in: the one its source declares, unless its text plainly says
/// otherwise (a WordPress channel declaring `en-US` over Chinese posts, a theme's `<html
/// lang="en">` over French ones); the one its text is written in when the source is silent.
enum LanguageChoice {
    /// A language of a script of its own (CJK, Cyrillic, Greek, Arabic, …) is the post's language
    /// once this share of the text is in it: technical posts in those languages quote code and
    /// English, while text in those scripts is only ever written for their readers.
    static let ownScriptPercent = 20
    /// Over a declaration, a language of its own script needs this share.
    static let ownScriptOverridePercent = 30
    /// A declared language all but absent from the text (under this share) may be overruled.
    static let declaredAbsentBelowPercent = 10
    /// Then the detector must be sure, with most of the text (nearly all of it between two
    /// Latin-script languages: a French post declared English) in the language it found.
    static let overridePercent = 70
    static let sameScriptOverridePercent = 90

    /// The post's language: declared, detected, or nil when neither is known.
    static func language(declared: String?, title: String, body: String) -> String? {
        let guess = LanguageDetector.guess(title + "\n\n" + body)
        let found = guess.flatMap(detected)
        guard let declared, Languages.code(for: declared) != nil else { return found ?? declared }
        guard let guess, let found else { return declared }
        let (detectedPrimary, statedPrimary) = (Languages.primaryCode(found), Languages.primaryCode(declared))
        guard detectedPrimary != statedPrimary else { return declared }
        if !isLatinScript(detectedPrimary), isLatinScript(statedPrimary), guess.share(of: detectedPrimary) >= ownScriptOverridePercent {
            return found
        }
        guard guess.reliable, guess.share(of: statedPrimary) < declaredAbsentBelowPercent, guess.code == found else { return declared }
        if isLatinScript(detectedPrimary), isLatinScript(statedPrimary) {
            // Close neighbours (Spanish and Galician, Danish and Norwegian) are told apart too
            // uncertainly to overrule the source.
            let neighbours = closeNeighbours.contains { $0.contains(detectedPrimary) && $0.contains(statedPrimary) }
            return guess.percent >= sameScriptOverridePercent && !neighbours ? found : declared
        }
        return guess.percent >= overridePercent ? found : declared
    }

    /// The language a text is written in, by the detector's guess, or nil when it cannot tell.
    static func detected(_ guess: LanguageDetector.Guess) -> String? {
        if let own = guess.languages.first(where: { !isLatinScript(Languages.primaryCode($0.code)) && $0.percent >= ownScriptPercent }) {
            return own.code
        }
        let second = guess.languages.count > 1 ? guess.languages[1].percent : 0
        // The detector's own judgement, or a language with most of the text and no rival (the
        // rest being code, numbers and names it does not count).
        return guess.reliable || guess.percent >= 50 && second < 10 ? guess.code : nil
    }

    static func isLatinScript(_ primary: String) -> Bool { latinScriptLanguages.contains(primary) }

    /// Languages written in Latin script, where a short text is easily mistaken for a neighbour's.
    private static let latinScriptLanguages: Set<String> = [
        "en", "fr", "de", "es", "it", "pt", "nl", "da", "sv", "nb", "nn", "no", "fi", "is", "ga", "cy", "eu", "ca", "gl",
        "ro", "pl", "cs", "sk", "sl", "hr", "bs", "sr", "hu", "et", "lv", "lt", "tr", "az", "id", "ms", "tl", "sw", "vi",
        "af", "sq", "mt", "eo", "la", "lb", "fy", "oc", "br", "co", "gd", "ht", "haw", "jw", "mg", "mi", "sm", "so", "st",
        "su", "to", "uz", "xh", "yo", "zu", "ig", "ha", "ceb", "hmn", "ku", "tk", "rw", "ny", "sn",
    ]

    /// Languages a detector easily takes for one another.
    private static let closeNeighbours: [Set<String>] = [
        ["es", "gl", "pt", "ca", "oc"], ["da", "nb", "nn", "no", "sv"], ["cs", "sk"], ["hr", "sr", "bs", "sl"], ["id", "ms"],
        ["nl", "af", "fy"],
    ]
}
