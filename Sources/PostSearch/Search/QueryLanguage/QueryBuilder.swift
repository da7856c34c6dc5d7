/// Turns a `ParsedQuery` into a Xapian query against one index.
///
/// A word is looked for in every language the index holds, without the reader saying which:
/// as one `OP_SYNONYM` of its stem in each of the index's stemmers (plus the word as written,
/// where some posts were indexed unstemmed), so a German word finds German posts in an index
/// whose default is English, and a word's score is that of one term, whatever the number of
/// languages. Phrases, `NEAR` and `ADJ` match the words as written (positions are kept only
/// for those). CJK text is looked for by its character pairs, as the index holds it.
struct QueryBuilder {
    /// What the index holds, for building its queries.
    struct Context {
        /// Stemmers to stem each word with (the index's, or those of the languages asked for).
        var stemmers: [String]
        /// Whether posts indexed without a stemmer are searched: words then match as written too.
        var includeUnstemmed: Bool
        /// Words left out of a list of words (not of phrases, nor when the query has nothing else).
        var stopwords: Set<String>
        /// How many terms one `prefix*` may expand to before the query is refused.
        var maxWildcardExpansion: Int
        /// Whether the index holds a term (an exact field value, for `author:`, `tag:`, …).
        var termExists: (String) throws -> Bool
    }

    /// A query ready to run, and what snippets should mark.
    struct Built {
        /// Nil when nothing is left to look for but filters: every post, then filtered.
        var query: XapianQuery?
        /// Filters from `author:`, `lang:`, … in a list of words: they select, they do not score.
        var filter: XapianQuery?
        /// What snippets mark.
        var highlighting = Highlighting()
        /// A wildcard's expansions are known per hit only: ask Xapian which terms each hit matched.
        var hasWildcard = false
    }

    let analyzer: QueryAnalyzer
    let stemmers: Stemmers
    let context: Context
    private var highlighting = Highlighting()
    private var hasWildcard = false
    private var position: UInt32 = 0

    init(analyzer: QueryAnalyzer, stemmers: Stemmers, context: Context) {
        self.analyzer = analyzer
        self.stemmers = stemmers
        self.context = context
    }

    mutating func build(_ parsed: ParsedQuery) throws -> Built {
        guard let root = parsed.root else { return Built(query: nil, filter: nil) }
        var built = Built(query: nil, filter: nil)
        if case .sequence(let members) = root {
            (built.query, built.filter) = try sequence(members)
        } else if case .field = root {
            (built.query, built.filter) = try sequence([.init(mark: .none, node: root)])
        } else {
            built.query = try node(root)
        }
        built.highlighting = highlighting
        built.hasWildcard = hasWildcard
        return built
    }

    // MARK: - Nodes

    private mutating func node(_ node: ParsedQuery.Node) throws -> XapianQuery? {
        switch node {
        case .text(let text): return try self.text(text)
        case .field(let name, let value): return try fieldFilter(name, value)?.scaled(by: 0)
        case .near(let texts, let window, let ordered): return try near(texts, window: window, ordered: ordered)
        case .sequence(let members):
            let (query, filter) = try sequence(members)
            guard let filter else { return query }
            return try (query ?? XapianQuery.matchAll()).combined(.filter, with: filter)
        case .and(let a, let b): return try both(.and, a, b)
        case .or(let a, let b): return try both(.or, a, b)
        case .xor(let a, let b): return try both(.xor, a, b)
        case .andNot(let a, let b):
            let left = try self.node(a), right = try self.node(b)
            guard let right else { return left }
            return try (left ?? XapianQuery.matchAll()).combined(.andNot, with: right)
        case .everythingBut(let excluded):
            guard let excluded = try self.node(excluded) else { return nil }
            return try XapianQuery.matchAll().combined(.andNot, with: excluded)
        }
    }

    private mutating func both(_ op: XapianQuery.Operator, _ a: ParsedQuery.Node, _ b: ParsedQuery.Node) throws -> XapianQuery? {
        let left = try node(a), right = try node(b)
        guard let left else { return right }
        guard let right else { return left }
        return try left.combined(op, with: right)
    }

    /// Words side by side: the unmarked ORed (posts with more of them first), `+` ones required,
    /// `-` ones excluded; field constraints returned apart, as a filter (same field ORed,
    /// different fields ANDed, as Xapian's boolean prefixes). Stop words are left out of the
    /// unmarked words unless nothing else is left.
    private mutating func sequence(_ members: [ParsedQuery.Member]) throws -> (query: XapianQuery?, filter: XapianQuery?) {
        var required: [XapianQuery] = [], optional: [XapianQuery] = [], excluded: [XapianQuery] = []
        var fields: [(name: String, query: XapianQuery)] = []
        let words = try members.map { $0.mark == .none ? try plainWord($0.node) : nil }
        let dropStopwords = members.contains { $0.mark == .required }
            || members.indices.contains { members[$0].mark == .none && !isStopword(words[$0]) }
        for (member, word) in zip(members, words) {
            if member.mark == .none, dropStopwords, isStopword(word) { continue }
            if case .field(let name, let value) = member.node, member.mark != .excluded {
                if let filter = try fieldFilter(name, value) { fields.append((name, filter)) }
                continue
            }
            guard let query = try node(member.node) else { continue }
            switch member.mark {
            case .none: optional.append(query)
            case .required: required.append(query)
            case .excluded: excluded.append(query)
            }
        }
        var query: XapianQuery?
        if !required.isEmpty {
            query = try XapianQuery.combine(.and, required)
            if let any = try XapianQuery.any(optional) { query = try query!.combined(.andMaybe, with: any) }
        } else {
            query = try XapianQuery.any(optional)
        }
        if let any = try XapianQuery.any(excluded) {
            query = try (query ?? XapianQuery.matchAll()).combined(.andNot, with: any)
        }
        var byField: [String: [XapianQuery]] = [:]
        for (name, filter) in fields { byField[name, default: []].append(filter) }
        let filter = try byField.keys.sorted().map { try XapianQuery.any(byField[$0]!)! }
        return (query, filter.isEmpty ? nil : try XapianQuery.combine(.and, filter))
    }

    /// The word of a plain one-word text item outside any field, as the index holds it (what
    /// may be a stop word: `themselves,` is `themselves`).
    private func plainWord(_ node: ParsedQuery.Node) throws -> String? {
        guard case .text(let text) = node, text.kind == .word, text.field == nil else { return nil }
        let tokens = try analyzer.tokens(of: text.text)
        guard tokens.count == 1, case .word(let word) = tokens[0] else { return nil }
        return word
    }

    private func isStopword(_ word: String?) -> Bool {
        guard let word else { return false }
        return context.stopwords.contains(word)
    }

    // MARK: - Text

    private mutating func text(_ text: ParsedQuery.Text) throws -> XapianQuery? {
        let prefix = Self.textPrefix(of: text.field)
        let tokens = try analyzer.tokens(of: text.text)
        switch text.kind {
        case .wildcard:
            guard tokens.count == 1, case .word(let word) = tokens[0] else { return try words(tokens, prefix: prefix) }
            hasWildcard = true
            return try XapianQuery.wildcard(prefix: prefix + word, maxExpansion: context.maxWildcardExpansion, keepMostFrequent: false)
        case .phrase:
            return try phrase(tokens, prefix: prefix)
        case .word:
            return try words(tokens, prefix: prefix)
        }
    }

    /// One typed word: a word, a CJK run, or words joined by punctuation (`e-mail`: a phrase).
    private mutating func words(_ tokens: [QueryAnalyzer.Token], prefix: String) throws -> XapianQuery? {
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
    private mutating func phrase(_ tokens: [QueryAnalyzer.Token], prefix: String) throws -> XapianQuery? {
        let words = tokens.flatMap(\.terms)
        if tokens.count == 1, case .cjk(let characters) = tokens[0] { highlighting.cjkRuns.append(characters.joined()) }
        return try phrase(words.map { prefix + $0 }, words: tokens.count == 1 && words.count > 1 ? [] : words, window: 0, ordered: true)
    }

    /// A word in every language the index holds: its stems (one OP_SYNONYM), and itself as
    /// written where posts were indexed unstemmed. Words not starting with a letter are never stemmed.
    private mutating func word(_ word: String, prefix: String) throws -> XapianQuery {
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
    private mutating func cjk(_ characters: [String], prefix: String) throws -> XapianQuery {
        highlighting.cjkRuns.append(characters.joined())
        let grams = CJK.pairs(of: characters).map { prefix + $0 }
        position += 1
        let queries = try grams.map { try XapianQuery.term($0, position: position) }
        return queries.count == 1 ? queries[0] : try XapianQuery.combine(.and, queries)
    }

    /// Terms as written, in order, within `window` words (0: as many as there are terms).
    /// `words` are the unprefixed words, for highlighting: a phrase is marked where it stands whole.
    private mutating func phrase(_ phraseTerms: [String], words: [String], window: Int, ordered: Bool) throws -> XapianQuery? {
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

    private mutating func near(_ texts: [ParsedQuery.Text], window: Int, ordered: Bool) throws -> XapianQuery? {
        var all: [String] = [], words: [String] = []
        for text in texts {
            let prefix = Self.textPrefix(of: text.field)
            let terms = try analyzer.tokens(of: text.text).flatMap(\.terms)
            words += terms
            all += terms.map { prefix + $0 }
        }
        // NEAR's words may stand apart: each is marked on its own.
        for word in words { highlighting.words.insert(word) }
        return try phrase(all, words: [], window: max(window, all.count), ordered: ordered)
    }

    // MARK: - Fields

    /// `author:novak`: the posts whose author is exactly "novak" (accents and case aside), as
    /// `--author novak` selects them; where no post has that exact value, the posts whose author
    /// holds the words. `lang:fr`: posts in French (`fr`, `fr-CA`, …).
    private mutating func fieldFilter(_ name: String, _ value: String) throws -> XapianQuery? {
        guard let field = Schema.field(named: name), field.filterPrefix != nil else { return nil }
        if field == Schema.language {
            return try XapianQuery.term(field.filterTerm(Languages.code(for: value) ?? value))
        }
        let exact = field.filterTerm(value)
        if try context.termExists(exact) { return try XapianQuery.term(exact) }
        guard let prefix = field.textPrefix else { return try XapianQuery.term(exact) }
        let tokens = try analyzer.tokens(of: value)
        return try words(tokens, prefix: prefix) ?? XapianQuery.term(exact)
    }

    /// The free-text prefix of a field named in a query (none: every field's words, unprefixed).
    static func textPrefix(of field: String?) -> String {
        guard let field, let prefix = Schema.field(named: field)?.textPrefix else { return "" }
        return prefix
    }
}
