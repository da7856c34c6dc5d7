/// Counts one facet over every matching post: from an in-memory column of the facet's values
/// when the searcher keeps one (local index), over the query's match set or through a match spy,
/// otherwise with Xapian's built-in ValueCountMatchSpy (which remote `xapian-tcpsrv` shards also
/// understand).
///
/// Multi-valued fields keep their i-th value in slot `base + i`; one spy per used slot, summed,
/// counts every value of every post exactly once (a post never repeats a value). A column holds
/// all of a field's slots, so one spy counts them.
struct FacetCounter {
    let facet: Facet
    private let sources: [() throws -> [(term: String, frequency: Int)]]

    init(facet: Facet, enquire: XapianEnquire, slots: [UInt32], column: XapianFacetColumn?) throws {
        self.facet = facet
        if let column {
            sources = [try enquire.addColumnSpy(column).values]
        } else {
            sources = try slots.map { try enquire.addValueCountSpy(slot: $0).values }
        }
    }

    /// Counts the column's values over a match set (see `Searcher.matchSet(of:)`).
    init(facet: Facet, column: XapianFacetColumn, set: XapianDocSet) {
        self.facet = facet
        sources = [{ try column.counts(in: set) }]
    }

    /// `values` plus any selected value the limit cut off, in their order.
    private func withSelected(_ values: [SearchResponse.FacetValue], _ selected: [SearchResponse.FacetValue]) -> [SearchResponse.FacetValue] {
        let shown = Set(values.map(\.value))
        return values + selected.filter { !shown.contains($0.value) }
    }

    /// Counts after the match: by count then value, at most `limit` (0: all). `year` and `month`
    /// are calendar buckets, newest first (every year listed); posts without a date are counted
    /// under "unknown" (`total` minus the dated ones).
    /// Selected values are always listed (even past the limit, or with a count of 0), flagged.
    func values(total: Int, limit: Int, selected isSelected: (String) -> Bool) throws -> [SearchResponse.FacetValue] {
        var counts: [String: Int] = [:]
        for source in sources {
            for (value, count) in try source() { counts[value, default: 0] += count }
        }
        var values = counts.map { SearchResponse.FacetValue(value: $0.key, count: $0.value, selected: isSelected($0.key)) }
        let selected = values.filter(\.selected)
        if facet.isCalendar {
            values.sort { $0.value > $1.value }
            if facet == .month, limit > 0, values.count > limit { values = Array(values.prefix(limit)) }
            let undated = total - counts.values.reduce(0, +)
            values = withSelected(values, selected)
            if undated > 0 { values.append(.init(value: "unknown", count: undated, selected: false)) }
        } else {
            values.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            if limit > 0, values.count > limit { values = Array(values.prefix(limit)) }
            values = withSelected(values, selected)
        }
        return values
    }
}
