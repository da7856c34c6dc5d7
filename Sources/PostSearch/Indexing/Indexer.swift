import Foundation

/// The one writer of an index: adds, replaces and deletes posts, committing in batches.
///
/// ```swift
/// let indexer = try Indexer(path: "postsearch-index")
/// let report = try indexer.importArchive(["archive/"])
/// try indexer.close()
/// ```
///
/// Posts are upserted by id. A commit is atomic: a killed indexer leaves the index as of its
/// last commit. Only one indexer may hold an index; a second gets `PostSearchError.indexLocked`.
///
/// A sharded index (`shards:` 2 or more) is a folder of databases `shard-0` … `shard-N-1` and a
/// stub file `XAPIANDB` listing them, which Xapian (and its tools) open as one database. Each post
/// goes to the shard a stable hash of its id picks, so re-indexing a post replaces it in place.
public final class Indexer {
    public enum Outcome: Sendable { case added, updated, unchanged }

    public let path: String
    /// The stemmer for posts that name no language: `--language`, else the index's default.
    public let language: String
    /// Posts written between two commits.
    public var batchSize: Int
    /// Threads that analyse and write posts at once in `importArchive` (see `ParallelImport`):
    /// 1 keeps the two-thread pipeline writing straight into the index.
    public var jobs = 1
    /// Posts in each scratch part of a parallel import before the next starts (see `PartStack`).
    var postsPerPart = PartStack.postsPerPart

    /// One database, or the shards of a sharded index; and their folders. After a parallel
    /// import's merge, the merged copy (see `stage`), which replaces the index at `close()`.
    var databases: [XapianWritableDatabase]
    var databasePaths: [String]
    /// The index's own database while a merged copy is staged: holding it keeps the write lock.
    var staged: XapianWritableDatabase?
    /// Document builders of the writing thread, one per stemmer.
    private var builders = DocumentBuilder.Cache()
    var pending = 0
    /// Posts were added or removed since the spelling dictionary was last synced.
    var spellingStale = false
    /// postsearch's revision as last committed (`Schema.MetadataKey.revision`).
    private(set) var revision: Int
    /// The index's default stemmer as recorded, "" for a new index.
    private var storedLanguage: String
    /// Whether the default language was given (`--language`), rather than left to follow the posts.
    private let languageGiven: Bool
    private var slotCounts: [String: Int] = [:]
    /// Every stemmer a post was indexed with, recorded in the index: queries stem with each.
    private var stemmersUsed: Set<String> = []
    /// The built-in fields and the custom ones posts have brought.
    let fieldRegistry: FieldRegistry
    /// Metadata to write with the next commit (file stamps, sources' high-water marks); "" removes a key.
    private var pendingMetadata: [String: String] = [:]
    /// This indexer has committed (so the index's metadata is written, even for a new index).
    private var committedOnce = false

    public static let defaultLanguage = "english"

    /// Opens (creating when absent) the index at `path`. `language` is the stemmer for posts that
    /// name no language of their own; it defaults to the index's (set when it was created), else English.
    /// `shards` (2 or more) creates a sharded index, or must match an existing one's count.
    public init(path: String, language: String? = nil, batchSize: Int = 10_000, shards: Int? = nil) throws {
        self.path = path
        self.batchSize = max(1, batchSize)
        let parent = Paths.parent(of: path)
        if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        let shardPaths = try Self.shardPaths(of: path, requested: shards)
        var opened: [XapianWritableDatabase] = []
        for shardPath in shardPaths {
            opened.append(try Self.translating(path: shardPath) { try XapianWritableDatabase(path: shardPath, create: true) })
        }
        databases = opened
        databasePaths = shardPaths
        let database = opened[0]
        if let language, !Languages.isKnown(language) {
            throw PostSearchError.invalidParameter(
                name: "language", message: "unknown language \"\(language)\" (a code such as en, fr, ja, or a name such as french, or none)")
        }
        let schema: IndexSchema
        (storedLanguage, stemmersUsed, schema) = try Self.translating(path: path) {
            (try database.metadata(Schema.MetadataKey.language),
             Set(try database.metadata(Schema.MetadataKey.stemmers).split(separator: ",").map(String.init)),
             IndexSchema(metadata: try database.metadata(Schema.MetadataKey.fields)))
        }
        fieldRegistry = FieldRegistry(schema)
        languageGiven = language != nil
        self.language = language.map(Languages.stemmer) ?? (storedLanguage.isEmpty ? Self.defaultLanguage : storedLanguage)
        for field in schema.listFields {
            slotCounts[field.name] = Int(try database.metadata(Schema.MetadataKey.slotCount(field))) ?? 0
        }
        revision = try Self.translating(path: path) { try Self.revision(of: database) }
    }

    /// postsearch's revision of a database: as recorded, else (an index from before it was kept) Xapian's.
    static func revision(of database: XapianWritableDatabase) throws -> Int {
        try Int(database.metadata(Schema.MetadataKey.revision)) ?? Int(database.revision)
    }

    /// Runs `body`, turning Xapian's errors into postsearch's: the Indexing layer's boundary. A
    /// post Xapian refuses (a term over its length limit) passes through as `XapianError` with
    /// kind `.invalidArgument`, for the caller to report that post and go on.
    static func translating<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as XapianError {
            switch error.kind {
            case .invalidArgument: throw error
            case .locked: throw PostSearchError.indexLocked(path: path)
            case .notFound, .opening, .corrupt: throw PostSearchError.indexUnavailable(path: path, reason: error.message)
            default: throw PostSearchError.indexWriteFailed(path: path, reason: error.message)
            }
        }
    }

    /// The database folders of the index at `path`: itself, or the shards its `XAPIANDB` lists
    /// (written here when a sharded index is created).
    private static func shardPaths(of path: String, requested: Int?) throws -> [String] {
        let stub = (path as NSString).appendingPathComponent("XAPIANDB")
        if FileManager.default.fileExists(atPath: stub) {
            let existing = try Shard.parseStub(stub, relativeTo: path).compactMap { shard -> String? in
                if case .local(let folder) = shard { return folder }
                return nil
            }
            if let requested, requested != existing.count {
                throw PostSearchError.invalidParameter(
                    name: "shards", message: "the index at \(path) has \(existing.count) shards; index into a new folder to change that")
            }
            return existing
        }
        guard let requested, requested > 1 else { return [path] }
        if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("iamglass")) {
            throw PostSearchError.invalidParameter(name: "shards", message: "\(path) is an unsharded index; index into a new folder")
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let names = (0..<requested).map { "shard-\($0)" }
        try (names.map { "auto \($0)" }.joined(separator: "\n") + "\n").write(toFile: stub, atomically: true, encoding: .utf8)
        return names.map { (path as NSString).appendingPathComponent($0) }
    }

    /// The shard a post lives in: a stable hash of its id.
    private func shard(for id: String) -> Int {
        databases.count == 1 ? 0 : Int(Schema.fnv1a64(id) % UInt64(databases.count))
    }

    /// Adds the post, or replaces the indexed post with the same id. `source` is the absolute path
    /// of the file it came from (for `--prune`).
    @discardableResult
    public func index(_ post: Post, source: String? = nil) throws -> Outcome {
        let post = Self.prepared(post)
        return try write(post, data: DocumentBuilder.storedData(of: post), source: source, document: nil)
    }

    /// The post as indexed: in the language its source declares, unless its text plainly says
    /// otherwise, or in the one its text is written in when the source is silent; its custom
    /// fields named as the index names them (`post-series` is `post_series`).
    static func prepared(_ post: Post) -> Post {
        var post = post
        post.language = LanguageChoice.language(declared: post.language, title: post.title, body: post.body)
        if !post.fields.isEmpty {
            var fields: [String: [String]] = [:]
            for (name, values) in post.fields {
                guard let valid = CustomFields.normalized(name) else { continue }
                fields[valid, default: []] += values
            }
            post.fields = fields
        }
        return post
    }

    /// Writes one post unless it is indexed with exactly this `data`. `document` is the post's
    /// document when another thread has built it already; otherwise it is built here.
    func write(_ post: Post, data: [UInt8], source: String?, document: XapianDocument?) throws -> Outcome {
        let idTerm = Schema.idTerm(post.id)
        let shard = shard(for: post.id)
        let existing = try databases[shard].data(forTerm: idTerm)
        if existing == data { return .unchanged }
        let stemmer = stemmer(of: post)
        let schema = fieldRegistry.schema(for: post)
        let document = try document ?? builders.builder(for: stemmer).document(for: post, data: data, source: source, schema: schema)
        try writing { try databases[shard].replace(idTerm: idTerm, with: document) }
        noteIndexed(stemmers: [stemmer], slotCounts: Self.slotCounts(of: post, schema: schema))
        pending += 1
        spellingStale = true
        if pending >= batchSize { try commitBatch() }
        return existing == nil ? .added : .updated
    }

    /// The stemmer a post is indexed with: its own language's, else the index's.
    func stemmer(of post: Post) -> String {
        post.language.map(Languages.stemmer) ?? language
    }

    /// How many value slots each list field of `post` takes (`schema`'s custom ones included).
    static func slotCounts(of post: Post, schema: IndexSchema) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: schema.listFields.map { ($0.name, min($0.values(of: post).count, Schema.maxValuesPerField)) })
    }

    /// Records what posts written elsewhere (by `write`, or a parallel import's parts) need in the
    /// index's metadata: the stemmers they were indexed with and the slots their lists take.
    func noteIndexed(stemmers: Set<String>, slotCounts counts: [String: Int]) {
        stemmersUsed.formUnion(stemmers)
        slotCounts.merge(counts, uniquingKeysWith: max)
    }

    /// Removes the post with this id; returns whether there was one.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        let idTerm = Schema.idTerm(id)
        let database = databases[shard(for: id)]
        guard try database.contains(term: idTerm) else { return false }
        try writing { try database.delete(idTerm: idTerm) }
        pending += 1
        spellingStale = true
        return true
    }

    /// Makes everything indexed so far durable and visible to readers, atomically for each shard
    /// (shards commit one after the other), with the spelling dictionary brought up to date.
    /// Nothing is committed when nothing changed: the index keeps its revision.
    public func commit() throws {
        if pending == 0, !spellingStale, pendingMetadata.isEmpty, committedOnce || !storedLanguage.isEmpty { return }
        if spellingStale {
            try writing { for database in databases { try database.syncSpelling() } }
            spellingStale = false
        }
        try commitBatch()
    }

    /// A commit in the middle of an import: the posts so far, durable and visible. The spelling
    /// dictionary waits for the import's last commit: it is built from the words in the index
    /// (once per word, where Xapian's FLAG_SPELLING would update it for every occurrence).
    func commitBatch() throws {
        let updated = ISO8601DateFormatter().string(from: Date())
        revision += 1
        try writing {
            for database in databases {
                try database.setMetadata(Schema.MetadataKey.schema, Schema.version)
                if storedLanguage.isEmpty || languageGiven { try database.setMetadata(Schema.MetadataKey.language, language) }
                else { try database.setMetadata(Schema.MetadataKey.language, storedLanguage) }
                try database.setMetadata(Schema.MetadataKey.stemmers, stemmersUsed.sorted().joined(separator: ","))
                let schema = fieldRegistry.current
                try database.setMetadata(Schema.MetadataKey.fields, schema.metadata)
                for field in schema.listFields {
                    try database.setMetadata(Schema.MetadataKey.slotCount(field), String(slotCounts[field.name, default: 0]))
                }
                try database.setMetadata(Schema.MetadataKey.updated, updated)
                try database.setMetadata(Schema.MetadataKey.revision, String(revision))
            }
            for (key, value) in pendingMetadata { try databases[0].setMetadata(key, value) }
            for database in databases { try database.commit() }
        }
        if storedLanguage.isEmpty || languageGiven { storedLanguage = language }
        pending = 0
        pendingMetadata.removeAll()
        committedOnce = true
    }

    /// Sets index metadata (on the first shard), written at the next commit.
    func setMetadata(_ key: String, _ value: String) {
        pendingMetadata[key] = value
    }

    /// Runs a database write, turning Xapian's I/O failures (disk full, read-only file system)
    /// into an error that names the index and says what state it is in. Xapian's InvalidArgumentError
    /// (a bad post, such as an over-long term) passes through: the caller reports that post and goes on.
    func writing<T>(_ write: () throws -> T) throws -> T {
        try Self.translating(path: path, write)
    }

    /// Commits and releases the write lock; a merged copy staged by a parallel import replaces the index.
    public func close() throws {
        if pending > 0 || spellingStale { try commit() }
        if staged != nil { return try publishStaged() }
        for database in databases { try database.close() }
    }

    public var documentCount: Int {
        get throws { try databases.reduce(0) { $0 + (try $1.documentCount) } }
    }

    /// How many databases the index is split over.
    public var shardCount: Int { databases.count }

    /// Reads `paths` with `ArchiveReader` and indexes every post; a bad record is reported in the
    /// report's failures and skipped. Files whose size and modification time are those recorded
    /// when they were last read (`FileStamps`) are passed over unopened, unless `reread`. With
    /// `prune`, posts that came from under `paths` before but were not read this time (their file
    /// or export entry is gone) are removed; a file passed over keeps its posts. `progress` is
    /// called after each record with the running report.
    public func importArchive(_ paths: [String], options: ImportOptions = ImportOptions(), prune: Bool = false,
                              reread: Bool = false, progress: ((IndexReport) -> Void)? = nil) throws -> IndexReport {
        let start = Date()
        let run = try ImportRun(indexer: self, prune: prune)
        let stamps = FileStamps(databasePath: databasePaths[0], options: options, reread: reread)
        var reader = ArchiveReader(options: options)
        reader.fileCheck = stamps
        var files = 0
        var skipped: [String] = []
        try run.finish {
            (files, skipped) = try reader.read(paths) { item in
                try run.take(item)
                if let progress { progress(run.running) }
            }
        }
        for (key, value) in stamps.changed { setMetadata(key, value) }
        try commit()
        if !languageGiven { try adoptMostCommonLanguage() }
        var report = run.report
        if prune { report.removed = try pruneAbsent(under: paths, keeping: run.seen, unchanged: stamps) }
        report.files = files
        report.unchangedFiles = stamps.unchanged.count
        report.unchanged += stamps.unchangedPosts
        report.passedOver = skipped
        report.totalPosts = try documentCount
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Makes the index's default language (for posts whose language is neither given nor
    /// detected) the one most of its posts are in, so that an index of French posts says French.
    private func adoptMostCommonLanguage() throws {
        let prefix = Schema.language.filterPrefix!
        let counts = try Self.translating(path: path) { try XapianDatabase(path: databasePaths[0]).allTerms(prefix: prefix) }
        guard let top = counts.filter({ !$0.term.dropFirst(prefix.count).contains("-") }).max(by: { $0.frequency < $1.frequency })
        else { return }
        let stemmer = Languages.stemmer(for: String(top.term.dropFirst(prefix.count)))
        let stored = try Self.translating(path: path) { try databases[0].metadata(Schema.MetadataKey.language) }
        guard stemmer != stored else { return }
        storedLanguage = stemmer
        try commitBatch()
    }

    /// Deletes the posts recorded as coming from under `paths` whose ids are not in `kept`, but
    /// for those of files passed over as unchanged; forgets the stamps of files that are gone.
    private func pruneAbsent(under paths: [String], keeping kept: Set<String>, unchanged: FileStamps) throws -> Int {
        let reader = try XapianDatabase(path: path)
        var gone: [String] = []
        let unchangedTerms = Set(unchanged.unchanged.map(Schema.sourceTerm))
        for given in paths {
            let absolute = ArchiveReader.absolutePath(given)
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory)
            // A folder (or a path that is gone) covers everything under it; a file only itself.
            let prefix = Schema.sourceTerm(absolute) + (exists && !isDirectory.boolValue ? "" : "/")
            for (term, _) in try reader.allTerms(prefix: prefix) where exists && !isDirectory.boolValue ? term == prefix : true {
                if unchangedTerms.contains(term) { continue }
                let source = String(term.dropFirst(Schema.source.filterPrefix!.count))
                if !FileManager.default.fileExists(atPath: source) { unchanged.forget(source: source) }
                gone += try storedPosts(withTerm: term, in: reader).map(\.id).filter { !kept.contains($0) }
            }
        }
        for id in Set(gone) { try delete(id: id) }
        for (key, value) in unchanged.changed where value.isEmpty { setMetadata(key, value) }
        try commit()
        return Set(gone).count
    }

    /// Deletes the posts recorded as read from `source` (a live site) whose id and URL are both
    /// missing from `listed` (what the site lists now).
    func pruneSource(_ source: String, keeping listed: Set<String>) throws -> Int {
        let reader = try XapianDatabase(path: path)
        let gone = Set(try storedPosts(withTerm: Schema.sourceTerm(source), in: reader)
            .filter { !listed.contains($0.id) && !listed.contains($0.url ?? "") }.map(\.id))
        for id in gone { try delete(id: id) }
        try commit()
        return gone.count
    }

    /// The stored posts indexed with `term`.
    private func storedPosts(withTerm term: String, in reader: XapianDatabase) throws -> [Post] {
        let enquire = try XapianEnquire(database: reader)
        try enquire.setQuery(try XapianQuery.term(term))
        let count = try reader.documentCount
        let mset = try enquire.mset(first: 0, maxItems: count, checkAtLeast: count)
        return try (0..<mset.count).map { try Post(storedData: try mset.data(at: $0)) }
    }
}

extension Indexer {
    /// `en` → `english`; names pass through lower-cased (see `Languages`).
    public static func canonicalLanguage(_ language: String) -> String {
        Languages.isKnown(language) ? Languages.stemmer(for: language) : language.trimmingWhitespace().lowercased()
    }
}

extension Indexer {
    /// Replaces the index's synonyms file (`text` in the format of `Synonyms`; empty: none) and
    /// commits. A malformed file is refused with the line at fault, and the index keeps its own.
    public func setSynonyms(_ text: String) throws {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        _ = try Synonyms(parsing: normalized, analyzer: try QueryAnalyzer())
        try writing { for database in databases { try database.setMetadata(Schema.MetadataKey.synonyms, normalized) } }
        try commit()
    }
}
