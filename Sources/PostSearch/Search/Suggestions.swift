extension Searcher {
    /// How many edits autocorrect allows in a word of this many letters, as Meilisearch's typo
    /// tolerance: none below 5 letters, one from 5, two from 9.
    static func typoBudget(letters: Int) -> Int {
        letters >= 9 ? 2 : letters >= 5 ? 1 : 0
    }

    /// The query with each word that is in no post replaced by the most frequent word of the
    /// index's spelling dictionary within `maxEdits` edits (all words: two; nil: the typo budget
    /// of its length). Nil when nothing was replaced.
    ///
    /// Only words no post holds are corrected (Elasticsearch's default `suggest_mode: missing`):
    /// Xapian's parser would look up every word in the spelling tables, ~1 ms per query at 100k
    /// posts, and could "correct" a real but rarer word; a word the index holds costs one term
    /// lookup here. Words in fields, wildcards and CJK text are left alone.
    func corrected(_ parsed: ParsedQuery, query: String, maxEdits: Int?, leaving kept: Range<String.Index>? = nil) throws -> String? {
        var corrected = "", copied = query.startIndex, changed = false
        for (range, word) in Self.correctableWords(parsed, in: query) where !(kept?.overlaps(range) ?? false) {
            let budget = maxEdits ?? Self.typoBudget(letters: word.count)
            guard budget > 0, try !database.termExists(word),
                  let better = try database.spellingSuggestion(for: word, maxEdits: budget) else { continue }
            corrected += query[copied..<range.lowerBound] + better
            copied = range.upperBound
            changed = true
        }
        return changed ? corrected + query[copied...] : nil
    }

    /// The words of the query worth correcting, where they were typed, folded and lower-cased as
    /// the index holds them: letters and digits of words and phrases outside fields, not CJK.
    static func correctableWords(_ parsed: ParsedQuery, in query: String) -> [(range: Range<String.Index>, word: String)] {
        var words: [(Range<String.Index>, String)] = []
        for text in parsed.texts where text.field == nil && text.kind != .wildcard {
            guard let range = text.range else { continue }
            let pieces = query[range].split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            for piece in pieces where !piece.unicodeScalars.contains(where: CJK.isCJK) {
                words.append((piece.startIndex..<piece.endIndex, TextFolding.fold(String(piece)).lowercased()))
            }
        }
        return words
    }
}
