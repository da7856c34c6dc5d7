import CXapianShim

/// One search session over a database (owns a `cxs_enquire` and the match spies it feeds).
final class XapianEnquire {
    let handle: EnquireHandle
    private let database: XapianDatabase
    /// Xapian keeps pointers to its match spies: they live as long as the enquire.
    private var spies: [AnyObject] = []

    init(database: XapianDatabase) throws {
        self.database = database
        handle = try xapianMake { cxs_enquire_new(database.handle, $0) }
    }

    deinit { cxs_enquire_free(handle) }

    func setQuery(_ query: XapianQuery) throws {
        try xapianCall { cxs_enquire_set_query(handle, query.handle, $0) }
    }

    func sortByRelevance() throws {
        try xapianCall { cxs_enquire_sort_by_relevance(handle, $0) }
    }

    func sortByValue(slot: UInt32, descending: Bool) throws {
        try xapianCall { cxs_enquire_sort_by_value(handle, slot, descending, $0) }
    }

    func setBM25(k1: Double, k2: Double = 0, k3: Double = 1, b: Double, minNormalisedLength: Double = 0.5, delta: Double = 0) throws {
        try xapianCall { cxs_enquire_set_bm25(handle, k1, k2, k3, b, minNormalisedLength, delta, $0) }
    }

    func setTimeLimit(seconds: Double) throws {
        try xapianCall { cxs_enquire_set_time_limit(handle, seconds, $0) }
    }

    /// Counts the values in `slot` of every document the next match examines.
    func addValueCountSpy(slot: UInt32) throws -> XapianValueCountSpy {
        let spy = XapianValueCountSpy(taking: try xapianMake { cxs_enquire_add_value_count_spy(handle, slot, $0) })
        spies.append(spy)
        return spy
    }

    /// Counts `column`'s values of every document the next match examines (local databases only).
    func addColumnSpy(_ column: XapianFacetColumn) throws -> XapianColumnSpy {
        let spy = try XapianColumnSpy(enquire: handle, column: column)
        spies.append(spy)
        return spy
    }

    func mset(first: Int, maxItems: Int, checkAtLeast: Int) throws -> XapianMSet {
        let raw = try xapianMake {
            cxs_enquire_mset(handle, UInt32(clamping: first), UInt32(clamping: maxItems), UInt32(clamping: checkAtLeast), $0)
        }
        return XapianMSet(taking: raw)
    }
}

/// Xapian's built-in ValueCountMatchSpy: also works against remote (xapian-tcpsrv) shards.
final class XapianValueCountSpy {
    let handle: ValueCountSpyHandle

    init(taking handle: ValueCountSpyHandle) { self.handle = handle }

    deinit { cxs_spy_free(handle) }

    /// Every counted value with its count, in value order.
    func values() throws -> [(term: String, frequency: Int)] {
        XapianTermList(try xapianMake { cxs_spy_values(handle, $0) }).items
    }
}

/// A page of results (owns a `cxs_mset`).
final class XapianMSet {
    let handle: MSetHandle

    init(taking handle: MSetHandle) { self.handle = handle }

    deinit { cxs_mset_free(handle) }

    var count: Int { Int(cxs_mset_size(handle)) }

    /// (estimate, lower bound, upper bound) of the total number of matches.
    func matches() throws -> (estimated: Int, lower: Int, upper: Int) {
        var estimated: UInt32 = 0, lower: UInt32 = 0, upper: UInt32 = 0
        try xapianCall { cxs_mset_matches(handle, &estimated, &lower, &upper, $0) }
        return (Int(estimated), Int(lower), Int(upper))
    }

    /// The highest weight any document could have had for the query.
    var maxPossibleWeight: Double {
        get throws {
            var weight = 0.0
            try xapianCall { cxs_mset_max_possible(handle, &weight, $0) }
            return weight
        }
    }

    func weight(at index: Int) throws -> Double {
        var weight = 0.0
        try xapianCall { cxs_mset_weight(handle, UInt32(index), &weight, $0) }
        return weight
    }

    func data(at index: Int) throws -> [UInt8] {
        var out = cxs_bytes()
        try xapianCall { cxs_mset_data(handle, UInt32(index), &out, $0) }
        return takeBytes(out)
    }

}

extension XapianEnquire {
    /// Up to `maxTerms` free-text terms characterising the documents (relevance feedback).
    func expand(documents: [UInt32], maxTerms: Int) throws -> [String] {
        let list = try documents.withUnsafeBufferPointer { buffer in
            try xapianMake { cxs_enquire_expand(handle, buffer.baseAddress, buffer.count, UInt32(maxTerms), $0) }
        }
        return XapianTermList(list).items.map(\.term)
    }

}

/// A Snowball stemmer (owns a `cxs_stemmer`).
final class XapianStemmer {
    let handle: StemmerHandle

    init(language: String) throws {
        handle = try xapianMake { cxs_stemmer_new(language, $0) }
    }

    deinit { cxs_stemmer_free(handle) }

    func stem(_ word: String) throws -> String {
        var out = cxs_bytes()
        try withCBytes(word) { ptr, len in try xapianCall { cxs_stemmer_stem(handle, ptr, len, &out, $0) } }
        return takeString(out)
    }
}
