import Foundation

/// One worker of a parallel import (`ParallelImport`): on a thread of its own, it analyses the
/// posts routed to it (language, JSON, terms) and writes them into scratch databases of its own
/// (`PartStack`), merged into the index at the end. Workers share nothing, so N of them keep N
/// cores busy; each post goes to the worker its id hashes to, so a post read twice in one run
/// meets its first version there.
///
/// A post already indexed with the same content is recognised through a read-only handle on the
/// index as of the import's start (the index does not change until the merge) and not written.
final class PartBuilder: @unchecked Sendable {
    /// What the worker wrote, once finished.
    struct Result {
        var counts = IndexPipeline.Counts()
        /// The worker's databases, oldest posts first.
        var parts: [String] = []
        /// Id terms of posts with an older version in the index or an older part: the merge drops it.
        var replaced: Set<String> = []
        /// Each document's id term, in the order of the parts and their docids.
        var idTerms: [String] = []
        var stemmers: Set<String> = []
        var slotCounts: [String: Int] = [:]
    }

    private let defaultStemmer: String
    private let fields: FieldRegistry
    private let index: XapianDatabase?
    private let parts: PartStack
    private var builders = DocumentBuilder.Cache()
    private var written: Set<String> = []
    /// The worker thread's own record (read once it has finished).
    private var result = Result()
    /// The counts, shared with the importing thread (under `condition`).
    private var counts = IndexPipeline.Counts()

    private let condition = NSCondition()
    private var queue: [ArchiveReader.ImportedPost] = []
    private var closed = false
    private var finished = false
    private var failure: Error?
    /// A few posts in flight per worker keep it busy without holding much in memory.
    private static let capacity = 32

    /// Starts a worker writing into `folder`. `indexPath` is the index as it stands, read to
    /// recognise unchanged posts (nil: an empty index).
    /// `fields` is the indexer's (shared by the workers) and registers the custom fields posts bring.
    init(folder: String, postsPerPart: Int, indexPath: String?, defaultStemmer: String, fields: FieldRegistry) throws {
        self.defaultStemmer = defaultStemmer
        self.fields = fields
        index = try indexPath.map { try XapianDatabase(path: $0) }
        parts = try PartStack(folder: folder, postsPerPart: postsPerPart)
        let thread = Thread { [self] in run() }
        thread.name = "postsearch-part"
        thread.start()
    }

    /// Queues a post for this part; rethrows the worker's error if it stopped.
    func submit(_ imported: ArchiveReader.ImportedPost) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(imported)
        condition.broadcast()
    }

    /// What the worker has done so far (for progress).
    var progress: IndexPipeline.Counts { condition.withLock { counts } }

    /// Waits for the queued posts and closes the parts; returns what they hold.
    func finish() throws -> Result {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        if let failure { throw failure }
        var result = result
        result.counts = counts
        return result
    }

    /// Stops the worker after the post in hand; the parts are left for the caller to remove.
    func cancel() {
        condition.withLock {
            queue.removeAll()
            failure = failure ?? CancellationError()
            condition.broadcast()
        }
        _ = try? finish()
    }

    private func run() {
        var ok = true
        while ok, let imported = next() {
            do {
                try write(imported)
            } catch let error as XapianError where error.kind == .invalidArgument {
                // A post Xapian cannot take (a term too long): reported, the import goes on.
                let failure = ImportFailure(file: imported.file, line: imported.line, reason: error.message)
                condition.withLock { counts.failures.append(failure) }
            } catch {
                stop(error)
                ok = false
            }
        }
        if ok {
            do { result.parts = try parts.finish() } catch { stop(error) }
        }
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }

    private func stop(_ error: Error) {
        condition.withLock {
            failure = failure ?? error
            queue.removeAll()
            condition.broadcast()
        }
    }

    private func next() -> ArchiveReader.ImportedPost? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed && failure == nil { condition.wait() }
        guard failure == nil, !queue.isEmpty else { return nil }
        let imported = queue.removeFirst()
        condition.broadcast()
        return imported
    }

    /// Writes one post unless the index (or a part, for an id read twice) holds it already with
    /// exactly this content. A post new to both is added without an id lookup.
    private func write(_ imported: ArchiveReader.ImportedPost) throws {
        let post = Indexer.prepared(imported.post)
        let data = DocumentBuilder.storedData(of: post)
        let idTerm = Schema.idTerm(post.id)
        let again = written.contains(idTerm)
        let inPart = again ? try parts.data(forTerm: idTerm) : nil
        let previous = again ? inPart?.data : try index?.data(forTerm: idTerm)
        if previous == data {
            condition.withLock { counts.unchanged += 1 }
            return
        }
        let stemmer = post.language.map(Languages.stemmer) ?? defaultStemmer
        let schema = fields.schema(for: post)
        let document = try builders.builder(for: stemmer).document(for: post, data: data, source: imported.source, schema: schema)
        if inPart?.current == true {
            try parts.replace(idTerm: idTerm, with: document)
        } else {
            try parts.add(document)
            written.insert(idTerm)
            result.idTerms.append(idTerm)
            if previous != nil { result.replaced.insert(idTerm) }
        }
        result.stemmers.insert(stemmer)
        result.slotCounts.merge(Indexer.slotCounts(of: post, schema: schema), uniquingKeysWith: max)
        condition.withLock {
            if previous == nil { counts.added += 1 } else { counts.updated += 1 }
        }
    }
}
