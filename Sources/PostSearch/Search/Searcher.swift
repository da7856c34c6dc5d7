import Foundation

/// Answers `SearchRequest`s from one index through a read-only Xapian handle.
///
/// ```swift
/// let searcher = try Searcher(path: "postsearch-index")
/// let response = try searcher.search(SearchRequest(query: "ministers"))
/// print(response.json)
/// ```
///
/// Not thread-safe (Xapian handles are not): use one `Searcher` per thread, or `SearcherPool`.
/// Each search first moves to the index's latest commit, so posts committed by a running indexer
/// show up at once; a search that races a commit (`DatabaseModifiedError`) reopens and retries.
public final class Searcher {
    public let path: String
    public let language: String
    /// Per-search time limit in seconds (0: none): past it Xapian returns the best found so far.
    public var timeLimit: Double = 0
    /// How many terms one trailing-`*` wildcard may expand to.
    public var maxWildcardExpansion = 1000

    private let database: XapianDatabase
    private let parser: XapianQueryParser
    private var slotCounts: [String: Int] = [:]

    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw PostSearchError.indexNotFound(path: path) }
        do {
            database = try XapianDatabase(path: path)
        } catch let error as XapianError {
            if error.type == "DatabaseNotFoundError" { throw PostSearchError.indexNotFound(path: path) }
            throw PostSearchError.indexUnavailable(path: path, reason: error.message)
        }
        let stored = try database.metadata(Schema.MetadataKey.language)
        language = stored.isEmpty ? Indexer.defaultLanguage : stored
        parser = try XapianQueryParser(language: language)
        try parser.setDatabase(database)
        try parser.setDefaultOperator(.and)
        for (name, prefix) in Schema.queryFields { try parser.addPrefix(field: name, prefix: prefix) }
        try readSlotCounts()
    }

    private func readSlotCounts() throws {
        for field in Schema.listFields {
            slotCounts[field.name] = Int(try database.metadata(field.slotCountKey)) ?? 0
        }
    }

    /// Moves to the latest committed state of the index.
    public func refresh() throws {
        if try database.reopen() { try readSlotCounts() }
    }

    /// Runs `operation`, reopening and retrying when the indexer has moved the index on.
    private func withRetry<T>(_ operation: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                try refresh()
                return try operation()
            } catch let error as XapianError where error.isModified && attempt < 5 {
                attempt += 1
            }
        }
    }

    public func search(_ request: SearchRequest) throws -> SearchResponse {
        try request.validate()
        return try withRetry { try run(request) }
    }

    /// The post with this id, with its full body, or nil.
    public func post(id: String) throws -> Post? {
        try withRetry {
            guard let data = try database.data(forTerm: Schema.idTerm(id)) else { return nil }
            return try decodePost(data)
        }
    }

    public var documentCount: Int {
        get throws { try withRetry { try database.documentCount } }
    }

    public var revision: UInt64 {
        get throws { try withRetry { try database.revision } }
    }

    func metadata(_ key: String) throws -> String { try database.metadata(key) }

    /// When the last indexing run committed (ISO 8601), if recorded.
    public var lastUpdated: String? {
        get throws {
            let updated = try withRetry { try database.metadata(Schema.MetadataKey.updated) }
            return updated.isEmpty ? nil : updated
        }
    }

    func allTerms(prefix: String) throws -> [(term: String, frequency: Int)] {
        try withRetry { try database.allTerms(prefix: prefix) }
    }

    // MARK: - The match

    private func run(_ request: SearchRequest) throws -> SearchResponse {
        let text = request.query.trimmingWhitespace()
        var query = try text.isEmpty ? XapianQuery.matchAll() : parse(text, suggest: request.suggest)
        if let filter = try filterQuery(for: request) { query = try query.combined(.filter, with: filter) }

        let enquire = try XapianEnquire(database: database)
        try enquire.setQuery(query)
        switch request.sort {
        case .relevance where text.isEmpty, .newest: try enquire.sortByValue(slot: Schema.dateSlot, descending: true)
        case .oldest: try enquire.sortByValue(slot: Schema.dateSlot, descending: false)
        case .relevance: try enquire.sortByRelevance()
        }
        if timeLimit > 0 { try enquire.setTimeLimit(seconds: timeLimit) }
        let counters = try request.facets.map { try FacetCounter(facet: $0, enquire: enquire, slotCounts: slotCounts) }

        // Facets need every match examined: that also makes the total exact.
        let checkAtLeast = counters.isEmpty ? request.offset + request.limit + 1 : try database.documentCount
        let mset: XapianMSet
        do {
            mset = try enquire.mset(first: request.offset, maxItems: request.limit, checkAtLeast: checkAtLeast)
        } catch let error as XapianError where error.type == "WildcardError" {
            throw PostSearchError.invalidQuery(
                "a wildcard matches more than \(maxWildcardExpansion) words; make the part before * longer")
        }
        let matches = try mset.matches()

        var hits: [SearchResponse.Hit] = []
        hits.reserveCapacity(mset.count)
        for index in 0..<mset.count {
            let post = try decodePost(try mset.data(at: index))
            // With no query words Xapian has nothing to centre on: show the opening instead.
            let snippet = text.isEmpty
                ? Self.opening(of: post.body, length: request.snippetLength)
                : try mset.snippet(of: post.body, length: request.snippetLength, language: language,
                                   highlightStart: "<mark>", highlightEnd: "</mark>", omit: "…")
            hits.append(.init(post: post, score: text.isEmpty ? 0 : try mset.weight(at: index), snippet: snippet))
        }
        let facets = try counters.map { ($0.facet, try $0.values(total: matches.estimated, limit: request.facetLimit)) }
        var suggestion: String?
        if request.suggest, !text.isEmpty {
            let corrected = try parser.correctedQuery()
            if !corrected.isEmpty, corrected != text { suggestion = corrected }
        }
        return SearchResponse(query: request.query, total: matches.estimated, totalIsExact: matches.lower == matches.upper,
                              offset: request.offset, limit: request.limit, hits: hits, facets: facets, suggestion: suggestion)
    }

    /// The first `length` bytes or so of `body`, cut at a word boundary, HTML-escaped like Xapian's snippets.
    static func opening(of body: String, length: Int) -> String {
        var cut = ""
        for word in body.split(whereSeparator: { $0.isWhitespace }) {
            if !cut.isEmpty && cut.utf8.count + word.utf8.count + 1 > length { cut += "…"; break }
            cut += cut.isEmpty ? String(word) : " " + word
        }
        return cut.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private func parse(_ text: String, suggest: Bool) throws -> XapianQuery {
        var flags: XapianQueryParser.Flags = [.boolean, .phrase, .loveHate, .wildcard, .pureNot]
        if suggest { flags.insert(.spellingCorrection) }
        try parser.setMaxWildcardExpansion(maxWildcardExpansion)
        do {
            return try parser.parse(text, flags: flags)
        } catch let error as XapianError where error.type == "QueryParserError" {
            throw PostSearchError.invalidQuery(error.message)
        }
    }

    /// Category, author and tag filters (values of one field ORed, fields ANDed) and the date range.
    private func filterQuery(for request: SearchRequest) throws -> XapianQuery? {
        var parts: [XapianQuery] = []
        let lists: [(Schema.ListField, [String])] = [
            (Schema.categories, request.categories), (Schema.authors, request.authors), (Schema.tags, request.tags),
        ]
        for (field, values) in lists where !values.isEmpty {
            let terms = try values.map { try XapianQuery.term(field.filterPrefix + Schema.filterValue($0)) }
            if let any = try XapianQuery.any(terms) { parts.append(any) }
        }
        let range = try request.dateRange()
        if range.low != nil || range.high != nil {
            parts.append(try XapianQuery.valueRange(slot: Schema.dateSlot, low: range.low, high: range.high))
        }
        guard var result = parts.first else { return nil }
        for part in parts.dropFirst() { result = try result.combined(.and, with: part) }
        return result
    }

    private func decodePost(_ data: [UInt8]) throws -> Post {
        do {
            return try JSONDecoder().decode(Post.self, from: Data(data))
        } catch {
            throw PostSearchError.internalError("a stored post is not readable JSON (\(error)); re-index it")
        }
    }
}
