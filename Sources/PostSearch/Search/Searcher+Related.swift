extension Searcher {
    /// Terms taken from a post to find related ones.
    static let relatedTerms = 30

    /// Posts like the one with this id, from the index's own statistics (Xapian's relevance
    /// feedback: the post's most telling terms, searched for), without the post itself and
    /// honouring the request's filters, sort, paging and facets (its query text is not used).
    /// Nil when no post has this id.
    public func related(to id: String, _ request: SearchRequest) throws -> SearchResponse? {
        try request.validate()
        return try withRetry {
            let idTerm = Schema.idTerm(id)
            guard let document = try database.documentID(forTerm: idTerm) else { return nil }
            let enquire = try XapianEnquire(database: database)
            let terms = Self.relatedQueryTerms(try enquire.expand(documents: [document], maxTerms: Self.relatedTerms * 3),
                                               stopwords: Stopwords.common(to: profile.stemmers))
            var request = request
            request.query = ""
            let like = try XapianQuery.any(try terms.map { try XapianQuery.term($0) }) ?? XapianQuery.matchAll()
            let plan = QueryPlan(textQuery: try like.combined(.andNot, with: try XapianQuery.term(idTerm)),
                                 filters: try SearchFilters(request: request, schema: profile.schema, queryDates: [], queryFilter: nil), ranks: !terms.isEmpty)
            return try execute(request, plan)
        }
    }

    /// The expansion terms worth searching for: no stop words, and one form per word (the stem,
    /// where the index has stems), best first.
    static func relatedQueryTerms(_ expanded: [String], stopwords: Set<String>) -> [String] {
        let marker = Schema.stemMarker
        let stemmed = expanded.contains { $0.hasPrefix(marker) }
        return Array(expanded.filter { term in
            let word = term.hasPrefix(marker) ? String(term.dropFirst(marker.count)) : term
            return (term.hasPrefix(marker) == stemmed) && !stopwords.contains(word) && word.count > 1
        }.prefix(relatedTerms))
    }
}
