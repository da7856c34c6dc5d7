extension Searcher {
    /// Counters of `facets` fed by the next match of `enquire`.
    func facetCounters(_ facets: [Facet], on enquire: XapianEnquire) throws -> [FacetCounter] {
        try facets.map { try FacetCounter(facet: $0, enquire: enquire, slots: profile.slots(of: $0), column: try facetColumn($0)) }
    }

    /// Counters of `facets` over a match set, from their columns.
    func facetCounters(_ facets: [Facet], over set: XapianDocSet) throws -> [FacetCounter] {
        try facets.map { FacetCounter(facet: $0, column: try facetColumn($0)!, set: set) }
    }

    /// The documents `query` matches, read from posting lists, when facets are counted from
    /// columns (see `facetColumn`) and the query needs no match (no phrase, date range, …): the
    /// match then stops at the page's hits instead of visiting every matching post. Nil otherwise.
    func matchSet(of query: XapianQuery) throws -> XapianDocSet? {
        guard keepsFacetColumns, shards.count == 1, !shardSet.hasRemote else { return nil }
        return try XapianDocSet(query: query, database: database)
    }

    /// Facets whose own filter is set, each group counted in one more match with that filter left
    /// out (disjunctive facets: ticking a category does not hide the other categories' counts).
    func countSelectedFacets(_ request: SearchRequest, _ plan: QueryPlan, documentCount: Int) throws -> [Facet: [SearchResponse.FacetValue]] {
        var counted: [Facet: [SearchResponse.FacetValue]] = [:]
        for group in plan.filters.selectedGroups(among: request.facets) {
            let query = try plan.filters.apply(to: plan.textQuery, excluding: group[0])
            let counters: [FacetCounter], total: Int
            if let set = try matchSet(of: query) {
                (counters, total) = (try facetCounters(group, over: set), set.count)
            } else {
                let enquire = try makeEnquire(query, sort: .relevance, ranks: true)
                counters = try facetCounters(group, on: enquire)
                total = try TopHits.countAll(enquire, documentCount: documentCount)
            }
            for counter in counters {
                counted[counter.facet] = try counter.values(total: total, limit: request.facetLimit, selected: plan.filters.selection(for: counter.facet))
            }
        }
        return counted
    }

    /// A selected value no post has still shows, ticked, with 0.
    static func addingSelectedValues(_ counted: [Facet: [SearchResponse.FacetValue]], request: SearchRequest) -> [Facet: [SearchResponse.FacetValue]] {
        var counted = counted
        for (facet, values) in counted where !facet.isCalendar {
            let shown = Set(values.map { Schema.filterValue($0.value) })
            var asked = request.filters[facet.name] ?? []
            if facet == .language { asked = asked.map { Languages.code(for: $0) ?? $0 } }
            for value in asked where !shown.contains(Schema.filterValue(value)) {
                counted[facet]!.append(.init(value: value, count: 0, selected: true))
            }
        }
        return counted
    }

    /// The in-memory column of `facet`'s values, when kept (a single local database: a column
    /// maps its own docids, not a combined database's interleaved ones).
    private func facetColumn(_ facet: Facet) throws -> XapianFacetColumn? {
        guard keepsFacetColumns, shards.count == 1, !shardSet.hasRemote else { return nil }
        if let column = facetColumns[facet] { return column }
        let column = try XapianFacetColumn(database: database, slots: profile.slots(of: facet))
        facetColumns[facet] = column
        return column
    }
}
