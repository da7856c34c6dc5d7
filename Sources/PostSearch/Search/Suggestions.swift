extension Searcher {
    /// How many edits autocorrect allows in a word of this many letters, as Meilisearch's typo
    /// tolerance: none below 5 letters, one from 5, two from 9.
    static func typoBudget(letters: Int) -> Int {
        letters >= 9 ? 2 : letters >= 5 ? 1 : 0
    }

    /// The words of the query no post holds (where they were typed): the only ones corrected, as
    /// Elasticsearch's default `suggest_mode: missing`. Xapian's parser would look up every word
    /// in the spelling tables, ~1 ms per query at 100k posts, and could "correct" a real but
    /// rarer word; a word the index holds costs one term lookup here. Words in fields, wildcards,
    /// CJK text and the word being typed (`leaving`) are left alone.
    func missingWords(_ parsed: ParsedQuery, query: String, leaving kept: Range<String.Index>?) throws
        -> [(range: Range<String.Index>, word: String)] {
        try Self.correctableWords(parsed, in: query).filter { range, word in
            if kept?.overlaps(range) == true { return false }
            return try !database.termExists(word)
        }
    }

    /// The query with each of `missing` replaced by the most frequent word of the index's
    /// spelling dictionary within `maxEdits` edits (nil: the typo budget of its length); nil when
    /// nothing was replaced.
    func corrected(_ missing: [(range: Range<String.Index>, word: String)], in query: String, maxEdits: Int?) throws -> String? {
        var corrected = "", copied = query.startIndex, changed = false
        for (range, word) in missing {
            let budget = maxEdits ?? Self.typoBudget(letters: word.count)
            guard budget > 0, let better = try database.spellingSuggestion(for: word, maxEdits: budget) else { continue }
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
