/// What a query asks snippets to mark, in the post's own words (accents and case kept), though
/// the index holds folded, stemmed terms.
struct Highlighting: Equatable {
    /// Words (folded, lower case) marked wherever they appear.
    var words: Set<String> = []
    /// Stems in any of the query's languages: a word whose stem in the post's language is
    /// among them is marked (`ministers` marks "minister" and "Ministers").
    var stems: Set<String> = []
    /// Phrases (words as written, folded): marked only where all their words stand together.
    var phrases: [[String]] = []
    /// CJK runs: marked wherever a post's text holds them.
    var cjkRuns: [String] = []

    var isEmpty: Bool { words.isEmpty && stems.isEmpty && phrases.isEmpty && cjkRuns.isEmpty }

    /// This, plus the words of terms Xapian reports a hit matched (a wildcard's expansions).
    func adding(matchingTerms terms: [String]) -> Highlighting {
        var more = self
        for term in terms where !term.hasPrefix(Schema.stemMarker) {
            let prefix = term.prefix(while: { $0.isASCII && $0.isUppercase })
            guard Schema.textPrefixes.contains(String(prefix)) else { continue }
            let word = String(term.dropFirst(prefix.count))
            if !word.isEmpty { more.words.insert(word) }
        }
        return more
    }
}
