/// Snowball stemmers by name, each made once, and Xapian's rule for which words it stems.
final class Stemmers {
    private var stemmers: [String: XapianStemmer] = [:]
    private var cache: [String: String] = [:]

    /// `word` (folded, lower case) stemmed by `stemmer` ("english", "french", …).
    func stem(_ word: String, with stemmer: String) throws -> String {
        let key = stemmer + "\u{0}" + word
        if let known = cache[key] { return known }
        let made: XapianStemmer
        if let existing = stemmers[stemmer] { made = existing } else {
            made = try XapianStemmer(language: stemmer)
            stemmers[stemmer] = made
        }
        let stem = try made.stem(word)
        if cache.count > 50_000 { cache.removeAll() }
        cache[key] = stem
        return stem
    }

    /// Xapian's TermGenerator stems a word only when it starts with a letter: `2nd` and `3.14`
    /// are indexed as written, so they are looked up as written.
    static func isStemmable(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first else { return false }
        switch first.properties.generalCategory {
        case .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}
