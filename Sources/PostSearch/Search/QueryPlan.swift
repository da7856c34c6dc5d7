/// A request made ready to run: the query of its words, its filters, and what snippets mark.
struct QueryPlan {
    /// The words' query; nil for every post (an empty query, or filters only).
    var textQuery: XapianQuery?
    var filters: SearchFilters
    /// Whether there are words to rank by; without, posts are listed newest first.
    var ranks: Bool

    init(textQuery: XapianQuery?, filters: SearchFilters, ranks: Bool? = nil) {
        self.textQuery = textQuery
        self.filters = filters
        self.ranks = ranks ?? (textQuery != nil)
    }
    var highlighting = Highlighting()
    /// What the query syntax could not place: the query ran leniently, and it is an error only
    /// when nothing was found.
    var problems: [String] = []
    /// "Did you mean": the query with words no post holds replaced.
    var suggestion: String?
    /// The query autocorrect would search instead: words no post holds replaced within the
    /// typo budget of their length.
    var correction: String?
}

extension Searcher {
    /// Parses the request's query and builds it against this index: words in every language
    /// the index holds (or in those the request names), its filters, date filters from the text.
    func plan(_ request: SearchRequest) throws -> QueryPlan {
        try checkFieldNames(request)
        let parsed = try QueryParser(schema: profile.schema).parse(request.query)
        var context = try queryContext(for: request)
        if request.prefix, let last = request.query.last, !last.isWhitespace {
            // Search as you type: the last word, unless a space says it is finished.
            context.prefixWord = parsed.texts.last { $0.kind == .word && $0.range?.upperBound == request.query.endIndex }?.range
        }
        var builder = QueryBuilder(analyzer: analyzer, stemmers: stemmers, context: context)
        let built = try builder.build(parsed)
        let filters = try SearchFilters(request: request, schema: profile.schema, queryDates: parsed.dates, queryFilter: built.filter)
        var plan = QueryPlan(textQuery: built.query, filters: filters)
        if let boost = request.boost, let textQuery = built.query {
            plan.textQuery = try boosted(textQuery, filters: filters, by: boost)
        }
        plan.highlighting = built.highlighting
        plan.problems = parsed.problems
        // Corrections come from local shards' spelling data: over remote shards alone there is
        // none, and looking the words up would only cost round trips.
        if parsed.problems.isEmpty, shardSet.hasLocal, request.suggest || request.autocorrect {
            // The word being typed is a beginning, not a misspelling.
            let missing = try missingWords(parsed, query: request.query, leaving: context.prefixWord)
            if request.suggest, !missing.isEmpty { plan.suggestion = try corrected(missing, in: request.query, maxEdits: 2) }
            if request.autocorrect, !missing.isEmpty { plan.correction = try corrected(missing, in: request.query, maxEdits: nil) }
        }
        return plan
    }

    /// Refuses filters and facets of fields this index does not have.
    func checkFieldNames(_ request: SearchRequest) throws {
        for name in request.filters.keys where profile.schema.field(named: name)?.flags.contains(.filter) != true {
            throw PostSearchError.invalidParameter(
                name: name, message: "the index has no such field; its fields: \(profile.schema.facetNames.filter { $0 != "year" && $0 != "month" }.joined(separator: ", "))")
        }
        for facet in request.facets where !profile.schema.facetNames.contains(facet.name) {
            throw PostSearchError.invalidParameter(
                name: "facets", message: "unknown facet \"\(facet.name)\"; choose from \(profile.schema.facetNames.joined(separator: ", "))")
        }
    }

    /// The index's fields, custom ones included: what `series:…`, `series=` and `--facets series` may name.
    public var schema: IndexSchema { profile.schema }

    /// The stemmers, stop words and vocabulary a request's words are built with.
    func queryContext(for request: SearchRequest) throws -> QueryBuilder.Context {
        var stemmerNames = profile.stemmers
        if !request.languages.isEmpty {
            stemmerNames = Array(Set(request.languages.map(Languages.stemmer(for:)))).sorted()
        }
        let database = self.database
        var context = QueryBuilder.Context(
            stemmers: stemmerNames, includeUnstemmed: stemmerNames.contains("none"),
            stopwords: Stopwords.common(to: stemmerNames), maxWildcardExpansion: maxWildcardExpansion,
            termExists: { try database.termExists($0) })
        context.synonyms = profile.synonyms
        context.schema = profile.schema
        context.proximity = request.proximity
        context.maxPrefixExpansion = maxPrefixExpansion
        return context
    }
}

extension Searcher {
    /// The Xapian query a request runs, as Xapian describes it (`postsearch search --explain`):
    /// how the words were read, stemmed and combined, with the filters.
    public func explain(_ request: SearchRequest) throws -> String {
        try request.validate()
        return try withRetry {
            let plan = try plan(request)
            return try plan.filters.apply(to: plan.textQuery, excluding: nil).description
        }
    }
}
