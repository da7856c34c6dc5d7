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
    /// Beginnings of words (`migr*`, a word being typed): every word starting so is marked.
    var prefixes: Set<String> = []

    var isEmpty: Bool { words.isEmpty && stems.isEmpty && phrases.isEmpty && cjkRuns.isEmpty && prefixes.isEmpty }

    /// Whether a word of the text (its key: folded, lower case) begins with one of `prefixes`.
    func beginsWithPrefix(_ key: String) -> Bool {
        prefixes.contains { key.hasPrefix($0) }
    }
}
