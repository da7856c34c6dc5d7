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
///
/// The work is split as tantivy splits its collectors: `QueryPlan` (the query and filters),
/// `TopHits` (the page of results and the total), `FacetCounts` (the facets), and hits with
/// their snippets (`Searcher+Hits.swift`).
public final class Searcher {
    /// Per-search time limit in seconds (0: none): past it Xapian returns the best found so far.
    public var timeLimit: Double = 0
    /// How many terms one trailing-`*` wildcard may expand to.
    public var maxWildcardExpansion = 1000
    /// How many of the most frequent words a search-as-you-type prefix stands for.
    public var maxPrefixExpansion = 100
    /// Keep each facet's values in memory (per revision of a local index) to count them fast.
    /// A column costs one pass over the facet's values of every post when first needed after a
    /// commit (~0.1 s per facet at 1M posts) and ~4 bytes per post and value: worth it for a
    /// long-lived searcher (the server), not for one search.
    public var keepsFacetColumns = false

    let shardSet: ShardSet
    var database: XapianDatabase { shardSet.database }
    /// The index's stemmers and slot counts, as of the revision last opened.
    private(set) var profile: IndexProfile
    let analyzer: QueryAnalyzer
    let stemmers = Stemmers()
    /// Snippet makers by stemmer, made when a post needs them.
    var snippetMakers: [String: SnippetMaker] = [:]
    var facetColumns: [Facet: XapianFacetColumn] = [:]
    /// The days posts were published on, for `--boost recent`, as of the revision last opened.
    var recencyDays: [String]?

    /// The index paths as given.
    public var path: String { shardSet.path }
    /// The stemmer of posts with no language of their own.
    public var language: String { profile.defaultStemmer }
    /// Every stemmer the index's posts were indexed with.
    public var indexStemmers: [String] { profile.stemmers }
    /// The shards searched as one, and those that could not be reached (partial results).
    public var shards: [Shard] { shardSet.shards }
    public var unavailableShards: [Shard] { shardSet.unavailable }

    public convenience init(path: String) throws {
        try self.init(paths: [path])
    }

    /// Searches every database of `paths` as one: database folders, stub files, folders of
    /// shards. With `allowPartial`, shards that cannot be reached are left out and responses say
    /// `partial`; otherwise they are an error. `remoteTimeout` bounds each remote operation.
    public init(paths: [String], allowPartial: Bool = false, remoteTimeout: Double = 10) throws {
        shardSet = try ShardSet(paths: paths, allowPartial: allowPartial, timeout: remoteTimeout)
        let analyzer = try Self.translating(path: paths.joined(separator: ", ")) { try QueryAnalyzer() }
        self.analyzer = analyzer
        profile = try Self.translating(path: paths.joined(separator: ", ")) { [shardSet] in
            try IndexProfile(database: shardSet.database, analyzer: analyzer)
        }
    }

    /// Moves to the latest committed state of the index.
    public func refresh() throws {
        try refresh(force: true)
    }

    /// As `refresh()`; remote shards are asked again only every `ShardSet.remoteRefreshInterval`
    /// unless `force`d (see `withRetry`).
    func refresh(force: Bool) throws {
        if try shardSet.refresh(force: force) {
            profile = try IndexProfile(database: database, analyzer: analyzer)
            facetColumns.removeAll()
            recencyDays = nil
        }
    }

    /// Runs `operation` on the latest revision, reopening and retrying when the indexer has moved
    /// the index on; Xapian's errors leave as `PostSearchError`s.
    func withRetry<T>(_ operation: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try Self.translating(path: path) {
                    // A retry follows a change the last refresh may not have seen: ask every shard.
                    try refresh(force: attempt > 0)
                    return try operation()
                }
            } catch Transient.modified {
                guard attempt < 5 else {
                    throw PostSearchError.indexUnavailable(path: path, reason: "the index changed under every attempt to read it")
                }
                attempt += 1
            } catch let error as PostSearchError where attempt < 5 && shardSet.foldersReplaced {
                // The folder was replaced while this search read it: the next attempt reopens.
                guard case .indexUnavailable = error else { throw error }
                attempt += 1
            } catch Transient.shardUnreachable(let reason) {
                // A shard stopped answering: with partial results allowed, go on without it.
                guard shardSet.allowsPartial, attempt < 2 else {
                    throw PostSearchError.indexUnavailable(path: path, reason: "a shard did not answer: \(reason)")
                }
                attempt += 1
                try Self.translating(path: path) { try shardSet.reconnect() }
            }
        }
    }

    /// What a retry can mend: the index moved on, or a shard stopped answering.
    enum Transient: Error {
        case modified
        case shardUnreachable(String)
    }

    /// Runs `body`, turning Xapian's errors into postsearch's: the Search layer's boundary.
    static func translating<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as XapianError {
            switch error.kind {
            case .modified: throw Transient.modified
            case .network: throw Transient.shardUnreachable(error.message)
            case .invalidQuery:
                throw PostSearchError.invalidQuery("a wildcard matches too many words; make the part before * longer")
            case .notFound: throw PostSearchError.indexNotFound(path: path)
            case .opening, .corrupt, .readOnly, .locked: throw PostSearchError.indexUnavailable(path: path, reason: error.message)
            default: throw PostSearchError.internalError(error.description)
            }
        }
    }

    /// Searches. When a word is in no post and autocorrect is on, the corrected query is
    /// searched instead if it finds something, and the response says so (`correctedQuery`).
    public func search(_ request: SearchRequest) throws -> SearchResponse {
        try request.validate()
        return try withRetry {
            let plan = try plan(request)
            if let correction = plan.correction {
                var corrected = request
                corrected.query = correction
                corrected.autocorrect = false
                corrected.suggest = false
                var response = try execute(corrected, try self.plan(corrected))
                if response.total > 0 {
                    response.correctedQuery = correction
                    return response.answering(request.query)
                }
            }
            var response = try execute(request, plan)
            if let problem = plan.problems.first, response.total == 0 { throw PostSearchError.invalidQuery(problem) }
            // "Did you mean" never offers a query that finds nothing.
            if let suggestion = response.suggestion, try !finds(suggestion, like: request) { response.suggestion = nil }
            return response
        }
    }

    /// Whether `query`, with `request`'s filters, finds any post.
    private func finds(_ query: String, like request: SearchRequest) throws -> Bool {
        var probe = request
        probe.query = query
        probe.limit = 0
        probe.offset = 0
        probe.facets = []
        probe.suggest = false
        probe.autocorrect = false
        return try execute(probe, try plan(probe)).total > 0
    }

    /// The post with this id, with its full body, or nil.
    public func post(id: String) throws -> Post? {
        try withRetry {
            guard let data = try database.data(forTerm: Schema.idTerm(id)) else { return nil }
            return try Post(storedData: data)
        }
    }

    /// Calls `body` with every post of the index, in id order (for `postsearch export`).
    public func forEachPost(_ body: (Post) throws -> Void) throws {
        let prefix = Schema.idTerm("")
        // No retry: a second pass would hand posts over twice.
        try Self.translating(path: path) {
            try refresh()
            for (term, _) in try database.allTerms(prefix: prefix) {
                guard let data = try database.data(forTerm: term) else { continue }
                try body(try Post(storedData: data))
            }
        }
    }

    public var documentCount: Int {
        get throws { try withRetry { try database.documentCount } }
    }

    /// postsearch's revision of the index: it grows with every commit and never goes back
    /// (compactions and merges keep it; Xapian's own, for an index from before it was kept).
    public var revision: UInt64 {
        get throws { try withRetry { try UInt64(database.metadata(Schema.MetadataKey.revision)) ?? database.revision } }
    }

    func metadata(_ key: String) throws -> String { try withRetry { try database.metadata(key) } }

    /// When the last indexing run committed (ISO 8601), if recorded.
    public var lastUpdated: String? {
        get throws {
            let updated = try metadata(Schema.MetadataKey.updated)
            return updated.isEmpty ? nil : updated
        }
    }

    func allTerms(prefix: String) throws -> [(term: String, frequency: Int)] {
        try withRetry { try database.allTerms(prefix: prefix) }
    }
}

extension Searcher {
    /// The synonyms file kept in the index, as given (empty: none).
    public func synonymsFile() throws -> String { try metadata(Schema.MetadataKey.synonyms) }

    /// What each synonym key also finds, as read (`{"nato": ["nato", "north atlantic treaty organization"]}`).
    public func synonymExpansions() throws -> [String: [String]] {
        try withRetry { profile.synonyms.expansions.mapValues { $0.map { $0.joined(separator: " ") } } }
    }
}
