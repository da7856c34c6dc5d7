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
    /// Keep each facet's values in memory (per revision of a local index) to count them fast.
    /// A column costs one pass over the facet's values of every post when first needed after a
    /// commit (~0.1 s per facet at 1M posts) and ~4 bytes per post and value: worth it for a
    /// long-lived searcher (the server), not for one search.
    public var keepsFacetColumns = false

    /// The shards searched as one, those that could not be reached (partial results), and how long
    /// a remote shard may take to answer.
    public let shards: [Shard]
    public private(set) var unavailableShards: [Shard] = []
    private let allowPartial: Bool
    private let remoteTimeout: Double
    private var hasRemote: Bool { shards.contains(where: \.isRemote) }

    private var database: XapianDatabase
    /// The query parser of the index's default language (also used for spelling).
    private var parser: XapianQueryParser
    /// Parsers and snippet makers by stemmer, made when a request or post needs them.
    private var parsers: [String: XapianQueryParser] = [:]
    private var snippetMakers: [String: SnippetMaker] = [:]
    private var slotCounts: [String: Int] = [:]
    private var facetColumns: [Facet: XapianFacetColumn] = [:]
    /// Each local shard's folder as opened: compaction (or a rebuild) puts a new folder in
    /// place, which Xapian's reopen cannot follow; a searcher that sees one opens it afresh.
    private var folders: [FolderIdentity?] = []

    public convenience init(path: String) throws {
        try self.init(paths: [path])
    }

    /// A local shard's folder (device and inode); nil for remote shards and missing folders.
    private struct FolderIdentity: Equatable {
        let device: UInt64, inode: UInt64

        init?(_ shard: Shard) {
            guard case .local(let path) = shard else { return nil }
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Searches every database of `paths` as one: database folders, stub files, folders of
    /// shards. With `allowPartial`, shards that cannot be reached are left out and responses say
    /// `partial`; otherwise they are an error. `remoteTimeout` bounds each remote operation.
    public init(paths: [String], allowPartial: Bool = false, remoteTimeout: Double = 10) throws {
        precondition(!paths.isEmpty, "at least one index path")
        path = paths.joined(separator: ", ")
        shards = try paths.flatMap { try Shard.list($0) }
        self.allowPartial = allowPartial
        self.remoteTimeout = remoteTimeout
        folders = shards.map(FolderIdentity.init)
        (database, unavailableShards) = try Self.open(shards, allowPartial: allowPartial, timeout: remoteTimeout)
        let stored = try database.metadata(Schema.MetadataKey.language)
        language = stored.isEmpty ? Indexer.defaultLanguage : stored
        parser = try Self.makeParser(language: language, database: database)
        parsers[language] = parser
        try readSlotCounts()
    }

    /// Opens each shard and joins them; unreachable ones are an error unless partial results are allowed.
    private static func open(_ shards: [Shard], allowPartial: Bool, timeout: Double) throws -> (XapianDatabase, [Shard]) {
        var combined: XapianDatabase?
        var down: [Shard] = []
        for shard in shards {
            do {
                let database = try shard.open(timeout: timeout)
                if let combined { try combined.add(database) } else { combined = database }
            } catch let error as PostSearchError where shards.count == 1 {
                throw error
            } catch {
                let reason = (error as? XapianError)?.message ?? "\(error)"
                if shards.count == 1, let xapian = error as? XapianError, xapian.type == "DatabaseNotFoundError" {
                    throw PostSearchError.indexNotFound(path: shard.description)
                }
                guard allowPartial else { throw PostSearchError.indexUnavailable(path: shard.description, reason: reason) }
                down.append(shard)
            }
        }
        guard let combined else {
            throw PostSearchError.indexUnavailable(path: shards.map(\.description).joined(separator: ", "), reason: "no shard could be reached")
        }
        return (combined, down)
    }

    /// Reconnects to every shard that answers (after one stopped answering mid-search).
    private func reconnect() throws {
        folders = shards.map(FolderIdentity.init)
        (database, unavailableShards) = try Self.open(shards, allowPartial: allowPartial, timeout: remoteTimeout)
        parsers.removeAll()
        parser = try Self.makeParser(language: language, database: database)
        parsers[language] = parser
        try readSlotCounts()
        facetColumns.removeAll()
    }

    private static func makeParser(language: String, database: XapianDatabase) throws -> XapianQueryParser {
        let parser = try XapianQueryParser(language: language)
        try parser.setDatabase(database)
        try parser.setStopwords(Stopwords.list(for: language))
        for (name, prefix) in Schema.queryFields { try parser.addPrefix(field: name, prefix: prefix) }
        try parser.addBooleanPrefix(field: "lang", prefix: Schema.languagePrefix)
        return parser
    }

    private func parser(for stemmer: String) throws -> XapianQueryParser {
        if let parser = parsers[stemmer] { return parser }
        let parser = try Self.makeParser(language: stemmer, database: database)
        parsers[stemmer] = parser
        return parser
    }

    private func snippetMaker(for post: Post) throws -> SnippetMaker {
        let stemmer = post.language.map(Languages.stemmer) ?? language
        if let maker = snippetMakers[stemmer] { return maker }
        let maker = try SnippetMaker(language: stemmer)
        snippetMakers[stemmer] = maker
        return maker
    }

    /// How many value slots each multi-valued field uses: read from the value statistics, which
    /// every shard (local or remote) reports, rather than from one shard's metadata.
    private func readSlotCounts() throws {
        for field in Schema.listFields {
            var used = 0
            while used < Schema.maxValuesPerField, try database.valueFrequency(slot: field.slotBase + UInt32(used)) > 0 { used += 1 }
            slotCounts[field.name] = used
        }
    }

    /// Moves to the latest committed state of the index.
    public func refresh() throws {
        if shards.map(FolderIdentity.init) != folders { return try reconnect() }
        if try database.reopen() {
            try readSlotCounts()
            facetColumns.removeAll()
        }
    }

    /// The in-memory column of `facet`'s values, when kept (a single local database: a column
    /// maps its own docids, not a combined database's interleaved ones).
    private func facetColumn(_ facet: Facet) throws -> XapianFacetColumn? {
        guard keepsFacetColumns, shards.count == 1, !hasRemote else { return nil }
        if let column = facetColumns[facet] { return column }
        let column = try XapianFacetColumn(database: database, slots: FacetCounter.slots(of: facet, slotCounts: slotCounts))
        facetColumns[facet] = column
        return column
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
            } catch is XapianError where attempt < 5 && shards.map(FolderIdentity.init) != folders {
                // The folder was replaced while this search read it: the next attempt reopens.
                attempt += 1
            } catch let error as XapianError where error.type.hasPrefix("Network") {
                // A shard stopped answering: with partial results allowed, go on without it.
                guard allowPartial, attempt < 2 else {
                    throw PostSearchError.indexUnavailable(path: path, reason: "a shard did not answer: \(error.message)")
                }
                attempt += 1
                try reconnect()
            }
        }
    }

    public func search(_ request: SearchRequest) throws -> SearchResponse {
        try request.validate()
        return try withRetry { try run(request) }
    }

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
                                               stopwords: Set(Stopwords.list(for: language)))
            var query = try XapianQuery.any(try terms.map { try XapianQuery.term($0) }) ?? XapianQuery.matchAll()
            query = try query.combined(.andNot, with: try XapianQuery.term(idTerm))
            var request = request
            request.query = ""
            let filters = try SearchFilters(request: request, queryDates: [])
            return try execute(request, textQuery: query, browsing: terms.isEmpty, filters: filters, suggestion: nil)
        }
    }

    /// Terms taken from a post to find related ones.
    static let relatedTerms = 30

    /// The expansion terms worth searching for: no stop words, and one form per word (the stem,
    /// where the index has stems), best first.
    static func relatedQueryTerms(_ expanded: [String], stopwords: Set<String>) -> [String] {
        let stemmed = expanded.contains { $0.hasPrefix("Z") }
        return Array(expanded.filter { term in
            let word = term.hasPrefix("Z") ? String(term.dropFirst()) : term
            return (term.hasPrefix("Z") == stemmed) && !stopwords.contains(word) && word.count > 1
        }.prefix(relatedTerms))
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
        for (term, _) in try database.allTerms(prefix: prefix) {
            guard let data = try database.data(forTerm: term) else { continue }
            try body(try Post(storedData: data))
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
        let (queryText, queryDates) = try QuerySyntax.extractDateFilters(request.query)
        let text = TextFolding.fold(queryText.trimmingWhitespace())
        let filters = try SearchFilters(request: request, queryDates: queryDates)
        guard !text.isEmpty else {
            return try execute(request, textQuery: try XapianQuery.matchAll(), browsing: true, filters: filters, suggestion: nil)
        }
        // Words are ORed and ranked by BM25, so posts with more of them come first (as in
        // Elasticsearch and Omega). A query Xapian cannot parse is retried as plain words, and is an
        // error only when those find nothing.
        var parseError: PostSearchError?
        var textQuery: XapianQuery
        do {
            textQuery = try parse(text, flags: Self.syntaxFlags, languages: request.languages)
        } catch let error as PostSearchError {
            parseError = error
            textQuery = try parse(text, flags: [], languages: request.languages)
        }
        let suggestion = request.suggest && parseError == nil ? try suggestion(for: text) : nil
        let response = try execute(request, textQuery: textQuery, browsing: false, filters: filters, suggestion: suggestion)
        if let parseError, response.total == 0 { throw parseError }
        return response
    }

    /// BM25 parameters. Term frequency saturates more slowly than with Xapian's defaults (k1 1,
    /// b 0.5): chosen on the relevance collections with bench/relevance.py, where they beat
    /// tantivy and FTS5 on every collection and measure (k1 1.2, b 0.75, Lucene's, did not on MEDLINE).
    static let bm25 = (k1: 2.2, b: 0.8)

    /// Totals are exact up to this many matches (beyond it, Xapian's estimate).
    static let exactCountBelow = 10_000

    static let syntaxFlags: XapianQueryParser.Flags = [.boolean, .phrase, .loveHate, .wildcard, .pureNot]

    /// Runs the match for hits and the facets that no filter selects, then one match per selected
    /// facet with its own filter left out (disjunctive facets: ticking a category does not hide
    /// the other categories' counts).
    private func execute(_ request: SearchRequest, textQuery: XapianQuery, browsing: Bool,
                         filters: SearchFilters, suggestion: String?) throws -> SearchResponse {
        let enquire = try XapianEnquire(database: database)
        try enquire.setQuery(try filters.apply(to: textQuery, excluding: nil))
        switch request.sort {
        case .relevance where browsing, .newest: try enquire.sortByValue(slot: Schema.instantSlot, descending: true)
        case .oldest: try enquire.sortByValue(slot: Schema.instantSlot, descending: false)
        case .relevance: try enquire.sortByRelevance()
        }
        if timeLimit > 0 { try enquire.setTimeLimit(seconds: timeLimit) }
        try enquire.setBM25(k1: Self.bm25.k1, b: Self.bm25.b)
        let unselected = request.facets.filter { !filters.selects($0) }
        // Over xapian-tcpsrv, a match spy in a match sorted by value over-counts (Xapian 1.4.22):
        // then the facets are counted in a match of their own, unsorted.
        let sortedByValue = browsing || request.sort != .relevance
        let countApart = hasRemote && sortedByValue && !unselected.isEmpty
        let facetEnquire = countApart ? try XapianEnquire(database: database) : enquire
        if countApart { try facetEnquire.setQuery(try filters.apply(to: textQuery, excluding: nil)) }
        let counters = try unselected.map {
            try FacetCounter(facet: $0, enquire: facetEnquire, slotCounts: slotCounts, column: try facetColumn($0))
        }

        // Facets need every match examined: that also makes the total exact.
        let documentCount = try database.documentCount
        let checkAtLeast = request.facets.isEmpty ? request.offset + request.limit + 1 : documentCount
        var mset = try match(enquire, first: request.offset, maxItems: request.limit, checkAtLeast: checkAtLeast)
        var matches = try mset.matches()
        // Xapian's estimate can be far off (ORed wildcards: "2,000" for 30 matches), and pages
        // are drawn from it. When the bounds disagree and the upper one is small, count exactly.
        if matches.lower != matches.upper, matches.upper <= Self.exactCountBelow {
            mset = try match(enquire, first: request.offset, maxItems: request.limit, checkAtLeast: matches.upper)
            matches = try mset.matches()
        }
        if countApart { _ = try match(facetEnquire, first: 0, maxItems: 0, checkAtLeast: documentCount) }

        // Snippets mark the query's words. Asking Xapian which terms each hit matched reads the
        // hit's whole term list (over the network, for a remote shard); the query's own terms do
        // as well, as the snippet only marks what the text holds. A wildcard's expansions are
        // known per hit only.
        let queryTerms = browsing ? [] : try textQuery.terms()
        var hits: [SearchResponse.Hit] = []
        hits.reserveCapacity(mset.count)
        for index in 0..<mset.count {
            let post = try Post(storedData: try mset.data(at: index))
            let terms = try queryTerms ?? enquire.matchingTerms(mset, at: index)
            let snippet = terms.isEmpty
                ? Self.opening(of: post.body, length: request.snippetLength)
                : try snippetMaker(for: post).snippet(of: post.body, matchingTerms: terms, length: request.snippetLength)
            hits.append(.init(post: post, score: browsing ? 0 : try mset.weight(at: index), snippet: snippet))
        }

        var counted: [Facet: [SearchResponse.FacetValue]] = [:]
        for counter in counters {
            counted[counter.facet] = try counter.values(total: matches.estimated, limit: request.facetLimit, selected: filters.selection(for: counter.facet))
        }
        for group in filters.selectedGroups(among: request.facets) {
            let facetEnquire = try XapianEnquire(database: database)
            try facetEnquire.setQuery(try filters.apply(to: textQuery, excluding: group.first!))
            if timeLimit > 0 { try facetEnquire.setTimeLimit(seconds: timeLimit) }
            let groupCounters = try group.map {
                try FacetCounter(facet: $0, enquire: facetEnquire, slotCounts: slotCounts, column: try facetColumn($0))
            }
            let total = try match(facetEnquire, first: 0, maxItems: 0, checkAtLeast: documentCount).matches().estimated
            for counter in groupCounters {
                counted[counter.facet] = try counter.values(total: total, limit: request.facetLimit, selected: filters.selection(for: counter.facet))
            }
        }
        // A selected value no post has still shows, ticked, with 0.
        let requested: [Facet: [String]] = [.category: request.categories, .author: request.authors, .tag: request.tags]
        for (facet, values) in requested where counted[facet] != nil {
            let shown = Set(counted[facet]!.map { Schema.filterValue($0.value) })
            for value in values where !shown.contains(Schema.filterValue(value)) {
                counted[facet]!.append(.init(value: value, count: 0, selected: true))
            }
        }
        return SearchResponse(query: request.query, total: matches.estimated, totalIsExact: matches.lower == matches.upper,
                              offset: request.offset, limit: request.limit, hits: hits,
                              facets: request.facets.map { ($0, counted[$0] ?? []) }, suggestion: suggestion,
                              partial: !unavailableShards.isEmpty)
    }

    private func match(_ enquire: XapianEnquire, first: Int, maxItems: Int, checkAtLeast: Int) throws -> XapianMSet {
        do {
            return try enquire.mset(first: first, maxItems: maxItems, checkAtLeast: checkAtLeast)
        } catch let error as XapianError where error.type == "WildcardError" {
            throw PostSearchError.invalidQuery(
                "a wildcard matches more than \(maxWildcardExpansion) words; make the part before * longer")
        }
    }

    /// The first `length` bytes or so of `body`, cut at a word boundary, HTML-escaped like the snippets.
    static func opening(of body: String, length: Int) -> String {
        var cut = ""
        for word in body.split(whereSeparator: { $0.isWhitespace }) {
            if !cut.isEmpty && cut.utf8.count + word.utf8.count + 1 > length { cut += "…"; break }
            cut += cut.isEmpty ? String(word) : " " + word
        }
        return cut.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Parses `text` stemmed in each of `languages` (the index's default when empty), ORed: a
    /// mixed-language index is searched in the languages the reader names.
    private func parse(_ text: String, flags: XapianQueryParser.Flags, languages: [String]) throws -> XapianQuery {
        let stemmers = languages.isEmpty ? [language] : Array(NSOrderedSet(array: languages.map(Languages.stemmer))) as! [String]
        var queries: [XapianQuery] = []
        for stemmer in stemmers {
            let parser = try parser(for: stemmer)
            try parser.setMaxWildcardExpansion(maxWildcardExpansion)
            do {
                queries.append(try parser.parse(text, flags: flags))
            } catch let error as XapianError where error.type == "QueryParserError" {
                throw PostSearchError.invalidQuery(error.message)
            }
        }
        return try XapianQuery.any(queries)!
    }

    /// "Did you mean": the query with each word that is in no post replaced by the closest
    /// frequent word of the index's spelling dictionary (as Elasticsearch's default
    /// `suggest_mode: missing`). Xapian's parser would look up every word in the spelling tables,
    /// ~1 ms per query at 100k posts, and could "correct" a real but rarer word; a word the index
    /// holds costs one term lookup here.
    private func suggestion(for text: String) throws -> String? {
        var corrected = "", copied = text.startIndex, changed = false
        for (range, word) in QuerySyntax.plainWords(in: text) {
            guard try !database.termExists(word), let better = try database.spellingSuggestion(for: word) else { continue }
            corrected += text[copied..<range.lowerBound] + better
            copied = range.upperBound
            changed = true
        }
        return changed ? corrected + text[copied...] : nil
    }
}
