/// Words, CJK runs, phrases, `NEAR` and prefixes: the leaves of a query.
extension QueryBuilder {
    mutating func text(_ text: ParsedQuery.Text) throws -> XapianQuery? {
        let prefix = textPrefix(of: text.field)
        let tokens = try analyzer.tokens(of: text.text)
        switch text.kind {
        case .wildcard:
            guard tokens.count == 1, case .word(let word) = tokens[0] else { return try words(tokens, prefix: prefix) }
            highlighting.prefixes.insert(word)
            return try XapianQuery.wildcard(prefix: prefix + word, maxExpansion: context.maxWildcardExpansion, keepMostFrequent: false)
        case .word where text.range != nil && text.range == context.prefixWord:
            return try typedPrefix(tokens, prefix: prefix)
        case .phrase:
            return try phrase(tokens, prefix: prefix)
        case .word:
            return try words(tokens, prefix: prefix)
        }
    }

    /// The word the reader is typing: itself, or any of the most frequent words it begins, as
    /// Xapian's FLAG_PARTIAL (the whole word weighs more, being matched twice).
    mutating func typedPrefix(_ tokens: [QueryAnalyzer.Token], prefix: String) throws -> XapianQuery? {
        guard let whole = try words(tokens, prefix: prefix) else { return nil }
        guard case .word(let last)? = tokens.last, tokens.count == 1 else { return whole }
        highlighting.prefixes.insert(last)
        let begun = try XapianQuery.wildcard(prefix: prefix + last, maxExpansion: context.maxPrefixExpansion, keepMostFrequent: true)
        return try whole.combined(.or, with: begun)
    }

    /// One typed word: a word, a CJK run, or words joined by punctuation (`e-mail`: a phrase).
    mutating func words(_ tokens: [QueryAnalyzer.Token], prefix: String) throws -> XapianQuery? {
        switch tokens.count {
        case 0: return nil
        case 1:
            switch tokens[0] {
            case .word(let word): return try self.word(word, prefix: prefix)
            case .cjk(let characters): return try cjk(characters, prefix: prefix)
            }
        default: return try phrase(tokens, prefix: prefix)
        }
    }

    /// Tokens as a phrase (a CJK run inside it: its characters, one after the other).
    mutating func phrase(_ tokens: [QueryAnalyzer.Token], prefix: String) throws -> XapianQuery? {
        let words = tokens.flatMap(\.terms)
        if tokens.count == 1, case .cjk(let characters) = tokens[0] { highlighting.cjkRuns.append(characters.joined()) }
        return try phrase(words.map { prefix + $0 }, words: tokens.count == 1 && words.count > 1 ? [] : words, window: 0, ordered: true)
    }

    /// A word in every language the index holds: its stems (one OP_SYNONYM), and itself as
    /// written where posts were indexed unstemmed. Words not starting with a letter are never stemmed.
    mutating func word(_ word: String, prefix: String) throws -> XapianQuery {
        var forms: [String] = []
        if Stemmers.isStemmable(word) {
            for stemmer in context.stemmers where stemmer != "none" {
                let stem = try stemmers.stem(word, with: stemmer)
                highlighting.stems.insert(stem)
                let term = Schema.stemMarker + prefix + stem
                if !forms.contains(term) { forms.append(term) }
            }
        }
        if forms.isEmpty || context.includeUnstemmed { forms.append(prefix + word) }
        highlighting.words.insert(word)
        position += 1
        if forms.count == 1 { return try XapianQuery.term(forms[0], position: position) }
        return try XapianQuery.combine(.synonym, try forms.map { try XapianQuery.term($0, position: position) })
    }

    /// A CJK run: its character pairs, all of them (a single character: itself).
    mutating func cjk(_ characters: [String], prefix: String) throws -> XapianQuery {
        highlighting.cjkRuns.append(characters.joined())
        let grams = CJK.pairs(of: characters).map { prefix + $0 }
        position += 1
        let queries = try grams.map { try XapianQuery.term($0, position: position) }
        return queries.count == 1 ? queries[0] : try XapianQuery.combine(.and, queries)
    }

    /// Terms as written, in order, within `window` words (0: as many as there are terms).
    /// `words` are the unprefixed words, for highlighting: a phrase is marked where it stands whole.
    mutating func phrase(_ phraseTerms: [String], words: [String], window: Int, ordered: Bool) throws -> XapianQuery? {
        guard !phraseTerms.isEmpty else { return nil }
        if words.count > 1, ordered, words.allSatisfy({ !CJK.isCJK($0) }) {
            highlighting.phrases.append(words)
        } else {
            for word in words where !word.isEmpty {
                if CJK.isCJK(word) { highlighting.cjkRuns.append(word) } else { highlighting.words.insert(word) }
            }
        }
        let queries = try phraseTerms.map { term -> XapianQuery in
            position += 1
            return try XapianQuery.term(term, position: position)
        }
        if queries.count == 1 { return queries[0] }
        return try XapianQuery.combine(ordered ? .phrase : .near, queries, window: window)
    }

    mutating func near(_ texts: [ParsedQuery.Text], window: Int, ordered: Bool) throws -> XapianQuery? {
        var all: [String] = [], words: [String] = []
        for text in texts {
            let prefix = textPrefix(of: text.field)
            let terms = try analyzer.tokens(of: text.text).flatMap(\.terms)
            words += terms
            all += terms.map { prefix + $0 }
        }
        // NEAR's words may stand apart: each is marked on its own.
        for word in words { highlighting.words.insert(word) }
        return try phrase(all, words: [], window: max(window, all.count), ordered: ordered)
    }
}
