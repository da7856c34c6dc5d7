import CXapianShim

/// An immutable Xapian query (owns a `cxs_query`).
final class XapianQuery {
    enum Operator { case and, or, andNot, filter, andMaybe
        var raw: cxs_op {
            switch self {
            case .and: CXS_OP_AND
            case .or: CXS_OP_OR
            case .andNot: CXS_OP_AND_NOT
            case .filter: CXS_OP_FILTER
            case .andMaybe: CXS_OP_AND_MAYBE
            }
        }
    }

    let handle: OpaquePointer

    init(taking handle: OpaquePointer) { self.handle = handle }

    deinit { cxs_query_free(handle) }

    static func matchAll() throws -> XapianQuery {
        XapianQuery(taking: try xapianMake { cxs_query_match_all($0) })
    }

    static func term(_ term: String) throws -> XapianQuery {
        let handle = try withCBytes(term) { ptr, len in try xapianMake { cxs_query_term(ptr, len, $0) } }
        return XapianQuery(taking: handle)
    }

    /// Documents whose value in `slot` is within `low...high` (byte order); nil means open.
    static func valueRange(slot: UInt32, low: String?, high: String?) throws -> XapianQuery {
        let handle: OpaquePointer = try withCBytes(low ?? "") { lowPtr, lowLen in
            guard let high else {
                return try xapianMake { cxs_query_value_range(slot, lowPtr, lowLen, nil, 0, $0) }
            }
            return try withCBytes(high) { highPtr, highLen in
                try xapianMake { cxs_query_value_range(slot, lowPtr, lowLen, highPtr, highLen, $0) }
            }
        }
        return XapianQuery(taking: handle)
    }

    func combined(_ op: Operator, with other: XapianQuery) throws -> XapianQuery {
        XapianQuery(taking: try xapianMake { cxs_query_combine(op.raw, handle, other.handle, $0) })
    }

    var isEmpty: Bool { cxs_query_is_empty(handle) }

    /// The query's distinct terms, or nil when it holds a wildcard (whose expansions only a
    /// match against a database knows).
    func terms() throws -> [String]? {
        var hasWildcard = false
        let list = XapianTermList(try xapianMake { cxs_query_terms(handle, &hasWildcard, $0) })
        return hasWildcard ? nil : list.items.map(\.term)
    }

    var description: String {
        var out = cxs_bytes()
        guard (try? xapianCall({ cxs_query_description(handle, &out, $0) })) != nil else { return "" }
        return takeString(out)
    }

    /// ORs queries together (nil for an empty list).
    static func any(_ queries: [XapianQuery]) throws -> XapianQuery? {
        guard var result = queries.first else { return nil }
        for query in queries.dropFirst() { result = try result.combined(.or, with: query) }
        return result
    }
}

/// Xapian's QueryParser with a stemmer (owns a `cxs_queryparser`).
final class XapianQueryParser {
    struct Flags: OptionSet {
        let rawValue: UInt32
        static let boolean = Flags(rawValue: UInt32(CXS_QP_BOOLEAN))
        static let phrase = Flags(rawValue: UInt32(CXS_QP_PHRASE))
        static let loveHate = Flags(rawValue: UInt32(CXS_QP_LOVEHATE))
        static let wildcard = Flags(rawValue: UInt32(CXS_QP_WILDCARD))
        static let pureNot = Flags(rawValue: UInt32(CXS_QP_PURE_NOT))
    }

    let handle: OpaquePointer
    /// Kept alive while the parser may use it (wildcards, spelling).
    private var database: XapianDatabase?

    init(language: String) throws {
        handle = try xapianMake { cxs_queryparser_new(language, $0) }
    }

    deinit { cxs_queryparser_free(handle) }

    func setDatabase(_ database: XapianDatabase) throws {
        try xapianCall { cxs_queryparser_set_database(handle, database.handle, $0) }
        self.database = database
    }

    func setDefaultOperator(_ op: XapianQuery.Operator) throws {
        try xapianCall { cxs_queryparser_set_default_op(handle, op.raw, $0) }
    }

    func addPrefix(field: String, prefix: String) throws {
        try xapianCall { cxs_queryparser_add_prefix(handle, field, prefix, $0) }
    }

    func addBooleanPrefix(field: String, prefix: String) throws {
        try xapianCall { cxs_queryparser_add_boolean_prefix(handle, field, prefix, $0) }
    }

    func setStopwords(_ words: [String]) throws {
        try withCBytes(words.joined(separator: "\n")) { ptr, len in try xapianCall { cxs_queryparser_set_stopwords(handle, ptr, len, $0) } }
    }

    func setMaxWildcardExpansion(_ max: Int) throws {
        try xapianCall { cxs_queryparser_set_max_wildcard_expansion(handle, UInt32(max), $0) }
    }

    func parse(_ text: String, flags: Flags) throws -> XapianQuery {
        let query = try withCBytes(text) { ptr, len in
            try xapianMake { cxs_queryparser_parse(handle, ptr, len, flags.rawValue, $0) }
        }
        return XapianQuery(taking: query)
    }
}
