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
    var hasWildcard = false
    /// What the query syntax could not place: the query ran leniently, and it is an error only
    /// when nothing was found.
    var problems: [String] = []
    /// "Did you mean": the query with words no post holds replaced.
    var suggestion: String?
}

extension Searcher {
    /// Parses the request's query and builds it against this index: words in every language
    /// the index holds (or in those the request names), its filters, date filters from the text.
    func plan(_ request: SearchRequest) throws -> QueryPlan {
        let parsed = try QueryParser().parse(request.query)
        var builder = QueryBuilder(analyzer: analyzer, stemmers: stemmers, context: try queryContext(for: request))
        let built = try builder.build(parsed)
        var plan = QueryPlan(textQuery: built.query,
                             filters: try SearchFilters(request: request, queryDates: parsed.dates, queryFilter: built.filter))
        plan.highlighting = built.highlighting
        plan.hasWildcard = built.hasWildcard
        plan.problems = parsed.problems
        if request.suggest, parsed.problems.isEmpty { plan.suggestion = try suggestion(for: parsed, query: request.query) }
        return plan
    }

    /// The stemmers, stop words and vocabulary a request's words are built with.
    func queryContext(for request: SearchRequest) throws -> QueryBuilder.Context {
        var stemmerNames = profile.stemmers
        if !request.languages.isEmpty {
            stemmerNames = Array(Set(request.languages.map(Languages.stemmer(for:)))).sorted()
        }
        let database = self.database
        return QueryBuilder.Context(
            stemmers: stemmerNames, includeUnstemmed: stemmerNames.contains("none"),
            stopwords: Stopwords.common(to: stemmerNames), maxWildcardExpansion: maxWildcardExpansion,
            termExists: { try database.termExists($0) })
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
