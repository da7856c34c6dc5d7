extension Searcher {
    /// BM25 parameters. Term frequency saturates more slowly than with Xapian's defaults (k1 1,
    /// b 0.5): chosen on the relevance collections with bench/relevance.py, where they beat
    /// tantivy and FTS5 on every collection and measure (k1 1.2, b 0.75, Lucene's, did not on MEDLINE).
    static let bm25 = (k1: 2.2, b: 0.8)

    /// Runs the match for hits and the facets no filter selects, then one match per selected
    /// facet group (see `countSelectedFacets`).
    func execute(_ request: SearchRequest, _ plan: QueryPlan) throws -> SearchResponse {
        let query = try plan.filters.apply(to: plan.textQuery, excluding: nil)
        let enquire = try makeEnquire(query, sort: request.sort, ranks: plan.ranks)
        let unselected = request.facets.filter { !plan.filters.selects($0) }
        // Over xapian-tcpsrv, a match spy in a match sorted by value over-counts (Xapian 1.4.22):
        // then the facets are counted in a match of their own, unsorted.
        let sortedByValue = !plan.ranks || request.sort != .relevance
        let countApart = shardSet.hasRemote && sortedByValue && !unselected.isEmpty
        let facetEnquire = countApart ? try makeEnquire(query, sort: .relevance, ranks: true) : enquire
        let counters = try facetCounters(unselected, on: facetEnquire)

        let documentCount = try database.documentCount
        let top = try TopHits(enquire: enquire, offset: request.offset, limit: request.limit,
                              countEverything: !request.facets.isEmpty, documentCount: documentCount)
        if countApart { try TopHits.countAll(facetEnquire, documentCount: documentCount) }
        let hits = try self.hits(of: top.mset, plan: plan, request: request)

        var counted = try countSelectedFacets(request, plan, documentCount: documentCount)
        for counter in counters {
            counted[counter.facet] = try counter.values(total: top.total, limit: request.facetLimit,
                                                        selected: plan.filters.selection(for: counter.facet))
        }
        counted = Self.addingSelectedValues(counted, request: request)
        return SearchResponse(query: request.query, total: top.total, totalIsExact: top.totalIsExact,
                              offset: request.offset, limit: request.limit, hits: hits,
                              facets: request.facets.map { ($0, counted[$0] ?? []) }, suggestion: plan.suggestion,
                              partial: !unavailableShards.isEmpty)
    }

    /// An enquire for `query`: best match first with BM25, or by date (`newest`, `oldest`, and
    /// when there are no words to rank by, newest first).
    func makeEnquire(_ query: XapianQuery, sort: SearchRequest.Sort, ranks: Bool) throws -> XapianEnquire {
        let enquire = try XapianEnquire(database: database)
        try enquire.setQuery(query)
        switch sort {
        case .relevance where !ranks, .newest: try enquire.sortByValue(slot: Schema.instantSlot, descending: true)
        case .oldest: try enquire.sortByValue(slot: Schema.instantSlot, descending: false)
        case .relevance: try enquire.sortByRelevance()
        }
        if timeLimit > 0 { try enquire.setTimeLimit(seconds: timeLimit) }
        try enquire.setBM25(k1: Self.bm25.k1, b: Self.bm25.b)
        return enquire
    }
}
