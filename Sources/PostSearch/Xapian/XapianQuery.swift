import CXapianShim
import Foundation

/// An immutable Xapian query (owns a `cxs_query`). postsearch builds its queries term by term
/// (see `QueryBuilder`); Xapian's own QueryParser is not used.
final class XapianQuery {
    enum Operator {
        case and, or, andNot, filter, andMaybe, xor
        /// Matches like OR, weighs as one term: for the forms of one word (stems, synonyms).
        case synonym
        /// Terms in this order within a window of words.
        case phrase
        /// Terms in any order within a window of words.
        case near

        var raw: cxs_op {
            switch self {
            case .and: CXS_OP_AND
            case .or: CXS_OP_OR
            case .andNot: CXS_OP_AND_NOT
            case .filter: CXS_OP_FILTER
            case .andMaybe: CXS_OP_AND_MAYBE
            case .xor: CXS_OP_XOR
            case .synonym: CXS_OP_SYNONYM
            case .phrase: CXS_OP_PHRASE
            case .near: CXS_OP_NEAR
            }
        }
    }

    let handle: QueryHandle

    init(taking handle: QueryHandle) { self.handle = handle }

    deinit { cxs_query_free(handle) }

    static func matchAll() throws -> XapianQuery {
        XapianQuery(taking: try xapianMake { cxs_query_match_all($0) })
    }

    /// One term; `position` is its place in the query (0: none), `wqf` how often the query has it.
    static func term(_ term: String, wqf: UInt32 = 1, position: UInt32 = 0) throws -> XapianQuery {
        let handle = try withCBytes(term) { ptr, len in try xapianMake { cxs_query_term(ptr, len, wqf, position, $0) } }
        return XapianQuery(taking: handle)
    }

    /// Documents whose value in `slot` is within `low...high` (byte order); nil means open.
    static func valueRange(slot: UInt32, low: String?, high: String?) throws -> XapianQuery {
        let handle: QueryHandle = try withCBytes(low ?? "") { lowPtr, lowLen in
            guard let high else {
                return try xapianMake { cxs_query_value_range(slot, lowPtr, lowLen, nil, 0, $0) }
            }
            return try withCBytes(high) { highPtr, highLen in
                try xapianMake { cxs_query_value_range(slot, lowPtr, lowLen, highPtr, highLen, $0) }
            }
        }
        return XapianQuery(taking: handle)
    }

    /// The terms starting with `prefix`, matched as one word. Past `maxExpansion` terms the match
    /// fails (`.invalidQuery`), or with `keepMostFrequent` only that many of the most frequent count.
    static func wildcard(prefix: String, maxExpansion: Int, keepMostFrequent: Bool) throws -> XapianQuery {
        let handle = try withCBytes(prefix) { ptr, len in
            try xapianMake { cxs_query_wildcard(ptr, len, UInt32(clamping: maxExpansion), keepMostFrequent, $0) }
        }
        return XapianQuery(taking: handle)
    }

    /// `queries` combined with `op`; `window` (phrase, near) is the span in words (0: their count).
    static func combine(_ op: Operator, _ queries: [XapianQuery], window: Int = 0) throws -> XapianQuery {
        let handles: [QueryHandle?] = queries.map(\.handle)
        let handle = try handles.withUnsafeBufferPointer { buffer in
            try xapianMake { cxs_query_combine_list(op.raw, buffer.baseAddress, buffer.count, UInt32(clamping: window), $0) }
        }
        return XapianQuery(taking: handle)
    }

    func combined(_ op: Operator, with other: XapianQuery) throws -> XapianQuery {
        try Self.combine(op, [self, other])
    }

    /// Every document, weighted by the value in `slot`: `weights[value]`, else `otherwise`
    /// (Xapian's ValueMapPostingSource; remote shards know it).
    static func valueWeights(slot: UInt32, _ weights: [String: Double], otherwise: Double = 0) throws -> XapianQuery {
        let entries = weights.sorted { $0.key < $1.key }
        let keys = entries.map { strdup($0.key) }
        defer { keys.forEach { free($0) } }
        let lengths = entries.map { $0.key.utf8.count }
        let values = entries.map(\.value)
        let handle = try keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyBuffer in
            try lengths.withUnsafeBufferPointer { lengthBuffer in
                try values.withUnsafeBufferPointer { valueBuffer in
                    try xapianMake {
                        cxs_query_value_weights(slot, keyBuffer.baseAddress, lengthBuffer.baseAddress, valueBuffer.baseAddress,
                                                entries.count, otherwise, $0)
                    }
                }
            }
        }
        return XapianQuery(taking: handle)
    }

    /// The query with its weight multiplied by `factor` (0: a pure filter).
    func scaled(by factor: Double) throws -> XapianQuery {
        XapianQuery(taking: try xapianMake { cxs_query_scale(handle, factor, $0) })
    }

    var isEmpty: Bool { cxs_query_is_empty(handle) }

    /// Xapian's description, e.g. `Query((Zminist@1 OR Zmeet@2))`: for tests and debugging.
    var description: String {
        var out = cxs_bytes()
        guard (try? xapianCall({ cxs_query_description(handle, &out, $0) })) != nil else { return "" }
        return takeString(out)
    }

    /// ORs queries together (nil for an empty list; the query itself for one).
    static func any(_ queries: [XapianQuery]) throws -> XapianQuery? {
        switch queries.count {
        case 0: nil
        case 1: queries[0]
        default: try combine(.or, queries)
        }
    }
}
