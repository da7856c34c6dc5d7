/// The page of results a match returns, and how many posts match: exact up to
/// `exactCountBelow` (or always, when facets need every match visited), Xapian's estimate beyond.
struct TopHits {
    /// Totals are exact up to this many matches (beyond it, Xapian's estimate).
    static let exactCountBelow = 10_000

    let mset: XapianMSet
    let total: Int
    let totalIsExact: Bool

    /// Runs the match for `limit` hits from `offset`. With `countEverything` every match is
    /// examined (facets need that), which also makes the total exact.
    init(enquire: XapianEnquire, offset: Int, limit: Int, countEverything: Bool, documentCount: Int) throws {
        let checkAtLeast = countEverything ? documentCount : offset + limit + 1
        var mset = try enquire.mset(first: offset, maxItems: limit, checkAtLeast: checkAtLeast)
        var matches = try mset.matches()
        // Xapian's estimate can be far off (ORed wildcards: "2,000" for 30 matches), and pages
        // are drawn from it. When the bounds disagree and the upper one is small, count exactly,
        // as Elasticsearch's `track_total_hits` does.
        if matches.lower != matches.upper, matches.upper <= Self.exactCountBelow {
            mset = try enquire.mset(first: offset, maxItems: limit, checkAtLeast: matches.upper)
            matches = try mset.matches()
        }
        self.mset = mset
        total = matches.estimated
        totalIsExact = matches.lower == matches.upper
    }

    /// Counts every match of `enquire` (for facets counted in a match of their own); returns the total.
    @discardableResult
    static func countAll(_ enquire: XapianEnquire, documentCount: Int) throws -> Int {
        try enquire.mset(first: 0, maxItems: 0, checkAtLeast: documentCount).matches().estimated
    }
}
