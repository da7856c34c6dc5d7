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
        /// The typed word to match as a prefix too (search as you type), where it was typed.
        var prefixWord: Range<String.Index>? = nil
        /// How many of the most frequent words a search-as-you-type prefix stands for.
        var maxPrefixExpansion = 100
        var synonyms = Synonyms.empty
        /// Reward posts where neighbouring words of the query stand together.
        var proximity = false
        /// The index's fields, custom ones included.
        var schema = IndexSchema.builtIn
    }

    /// A query ready to run, and what snippets should mark.
    struct Built {
        /// Nil when nothing is left to look for but filters: every post, then filtered.
        var query: XapianQuery?
        /// Filters from `author:`, `lang:`, … in a list of words: they select, they do not score.
        var filter: XapianQuery?
        /// What snippets mark.
        var highlighting = Highlighting()
    }

    let analyzer: QueryAnalyzer
    let stemmers: Stemmers
    let context: Context
    var highlighting = Highlighting()
    var position: UInt32 = 0

    init(analyzer: QueryAnalyzer, stemmers: Stemmers, context: Context) {
        self.analyzer = analyzer
        self.stemmers = stemmers
        self.context = context
    }

    mutating func build(_ parsed: ParsedQuery) throws -> Built {
        guard let root = parsed.root else { return Built(query: nil, filter: nil) }
        var built = Built(query: nil, filter: nil)
        switch root {
        case .sequence(let members):
            (built.query, built.filter) = try sequence(members)
        case .field, .text:
            // A field alone is a filter; a word alone is a list of one (its synonyms apply).
            (built.query, built.filter) = try sequence([.init(mark: .none, node: root)])
        default:
            built.query = try node(root)
        }
        built.highlighting = highlighting
        return built
    }

    // MARK: - Nodes

    /// `node` as a query; a word standing alone is a list of one, so its synonyms apply.
    private mutating func node(_ node: ParsedQuery.Node, alone: Bool = true) throws -> XapianQuery? {
        switch node {
        case .text(let text) where alone && text.kind == .word && text.field == nil && !context.synonyms.isEmpty:
            return try sequence([.init(mark: .none, node: node)]).query
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
    /// unmarked words unless nothing else is left; synonyms are looked for among unmarked words.
    private mutating func sequence(_ members: [ParsedQuery.Member]) throws -> (query: XapianQuery?, filter: XapianQuery?) {
        var required: [XapianQuery] = [], optional: [XapianQuery] = [], excluded: [XapianQuery] = []
        var fields: [(name: String, query: XapianQuery)] = []
        let words = try members.map { $0.mark == .none ? try plainWord($0.node) : nil }
        let dropStopwords = members.contains { $0.mark == .required }
            || members.indices.contains { members[$0].mark == .none && !isStopword(words[$0]) }
        var index = 0
        while index < members.count {
            let member = members[index]
            if let (query, length) = try synonymGroup(at: index, words: words) {
                optional.append(query)
                index += length
                continue
            }
            index += 1
            if member.mark == .none, dropStopwords, isStopword(words[index - 1]) { continue }
            if case .field(let name, let value) = member.node, member.mark != .excluded {
                if let filter = try fieldFilter(name, value) { fields.append((name, filter)) }
                continue
            }
            guard let query = try node(member.node, alone: false) else { continue }
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
        if context.proximity, let base = query, let together = try proximity(members, words: words) {
            query = try base.combined(.andMaybe, with: together)
        }
        if let any = try XapianQuery.any(excluded) {
            query = try (query ?? XapianQuery.matchAll()).combined(.andNot, with: any)
        }
        var byField: [String: [XapianQuery]] = [:]
        for (name, filter) in fields { byField[name, default: []].append(filter) }
        let filter = try byField.keys.sorted().map { try XapianQuery.any(byField[$0]!)! }
        return (query, filter.isEmpty ? nil : try XapianQuery.combine(.and, filter))
    }

    /// The longest run of unmarked plain words from `start` that the synonyms file names, as one
    /// OP_SYNONYM of the words and their alternatives (a phrase for several words), and its length.
    private mutating func synonymGroup(at start: Int, words: [String?]) throws -> (XapianQuery, Int)? {
        guard !context.synonyms.isEmpty, words[start] != nil else { return nil }
        var run: [String] = []
        while start + run.count < words.count, run.count < context.synonyms.longestKey, let word = words[start + run.count] {
            run.append(word)
        }
        for length in stride(from: run.count, through: 1, by: -1) {
            guard let alternatives = context.synonyms.alternatives(for: Array(run.prefix(length))) else { continue }
            var queries: [XapianQuery] = []
            for alternative in alternatives {
                if alternative.count == 1 {
                    queries.append(try word(alternative[0], prefix: ""))
                } else if let phrase = try phrase(alternative, words: alternative, window: 0, ordered: true) {
                    queries.append(phrase)
                }
            }
            return (queries.count == 1 ? queries[0] : try XapianQuery.combine(.synonym, queries), length)
        }
        return nil
    }

    /// Proximity: pairs of neighbouring words within this many words, weighing this share of
    /// their words' own weight. Measured on the relevance collections (weights 0.05 to 0.3,
    /// windows 2 and 4), it helps ADI and MEDLINE a little and costs Cranfield and CISI more,
    /// so it is off by default (`proximity=true`).
    static let proximityWindow = 4
    static let proximityWeight = 0.1

    /// Neighbouring unmarked words of the query, each pair near each other, any of which a post
    /// may hold: added to the score of posts where the words stand together.
    private mutating func proximity(_ members: [ParsedQuery.Member], words: [String?]) throws -> XapianQuery? {
        var pairs: [XapianQuery] = []
        let kept = members.indices.compactMap { index -> String? in
            members[index].mark == .none && !isStopword(words[index]) ? words[index] : nil
        }
        guard kept.count >= 2 else { return nil }
        for (first, second) in zip(kept, kept.dropFirst()) {
            pairs.append(try XapianQuery.combine(.near, [try XapianQuery.term(first), try XapianQuery.term(second)], window: Self.proximityWindow))
        }
        return try XapianQuery.any(pairs)?.scaled(by: Self.proximityWeight)
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

    // MARK: - Fields

    /// `author:novak`: the posts whose author is exactly "novak" (accents and case aside), as
    /// `--author novak` selects them; where no post has that exact value, the posts whose author
    /// holds the words. `lang:fr`: posts in French (`fr`, `fr-CA`, …).
    private mutating func fieldFilter(_ name: String, _ value: String) throws -> XapianQuery? {
        guard let field = context.schema.field(named: name), field.filterPrefix != nil else { return nil }
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
    func textPrefix(of field: String?) -> String {
        guard let field, let prefix = context.schema.field(named: field)?.textPrefix else { return "" }
        return prefix
    }
}
