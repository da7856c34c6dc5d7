import Foundation

/// Indexing on two threads: the caller's thread reads records and analyses each post into its
/// Xapian document (JSON, accent folding, tokenising, stemming), while a writer thread adds the
/// documents to the database and commits. Xapian's writing (its in-memory inverted lists, then
/// the B-tree flush at each commit) and the analysis take comparable time, so each runs on its
/// own core. Xapian objects are never shared: a document is built on one thread and handed over.
///
/// Posts already indexed with the same content are recognised on the analysing side through a
/// read-only handle (the state of the last commit), so re-importing an archive costs no analysis;
/// the writer checks again against its own state before writing anything.
final class IndexPipeline: PostSink, @unchecked Sendable {
    /// What the writer thread did, read by the analysing thread for progress.
    struct Counts {
        var added = 0, updated = 0, unchanged = 0
        var failures: [ImportFailure] = []

        mutating func add(_ other: Counts) {
            added += other.added
            updated += other.updated
            unchanged += other.unchanged
            failures += other.failures
        }
    }

    private struct Job {
        let post: Post
        let data: [UInt8]
        let source: String
        let document: XapianDocument?
        let file: String
        let line: Int?
    }

    private let indexer: Indexer
    private let reader: XapianDatabase?
    private var builders = DocumentBuilder.Cache()
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var closed = false
    private var finished = false
    private var writeError: Error?
    private var counts = Counts()
    /// Enough to keep the writer busy through a burst of slow analysis, small enough that
    /// documents waiting in memory stay a few megabytes.
    private static let capacity = 64

    init(indexer: Indexer) {
        self.indexer = indexer
        reader = try? XapianDatabase(path: indexer.path)
        let thread = Thread { [self] in runWriter() }
        thread.name = "postsearch-writer"
        thread.start()
    }

    /// Analyses the post here and queues it for the writer; rethrows the writer's error if it stopped.
    func submit(_ imported: ArchiveReader.ImportedPost) throws {
        let post = Indexer.prepared(imported.post)
        let data = DocumentBuilder.storedData(of: post)
        var document: XapianDocument?
        if !looksUnchanged(post, data: data) {
            let schema = indexer.fieldRegistry.schema(for: post)
            document = try builders.builder(for: indexer.stemmer(of: post)).document(for: post, data: data, source: imported.source, schema: schema)
        }
        let job = Job(post: post, data: data, source: imported.source, document: document, file: imported.file, line: imported.line)
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.capacity && writeError == nil { condition.wait() }
        if let writeError { throw writeError }
        queue.append(job)
        condition.broadcast()
    }

    /// The writer's results so far.
    var progress: Counts { condition.withLock { counts } }

    /// Waits for the writer to write everything queued; returns its counts or rethrows its error.
    func finish() throws -> Counts {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        if let writeError { throw writeError }
        return counts
    }

    /// Writes what is queued already (it is committed with the indexer's next commit).
    func cancel() {
        _ = try? finish()
    }

    private func looksUnchanged(_ post: Post, data: [UInt8]) -> Bool {
        guard let reader else { return false }
        // A reader overtaken by the writer's commits throws; it then just stops helping.
        return (try? reader.data(forTerm: Schema.idTerm(post.id))) == data
    }

    private func runWriter() {
        while let job = next() {
            do {
                let outcome = try indexer.write(job.post, data: job.data, source: job.source, document: job.document)
                condition.withLock {
                    switch outcome {
                    case .added: counts.added += 1
                    case .updated: counts.updated += 1
                    case .unchanged: counts.unchanged += 1
                    }
                }
            } catch let error as XapianError where error.kind == .invalidArgument {
                // A post Xapian cannot take (a term too long): reported, the import goes on.
                condition.withLock { counts.failures.append(ImportFailure(file: job.file, line: job.line, reason: error.message)) }
            } catch {
                condition.withLock {
                    writeError = error
                    queue.removeAll()
                    condition.broadcast()
                }
                break
            }
        }
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed && writeError == nil { condition.wait() }
        guard writeError == nil, !queue.isEmpty else { return nil }
        let job = queue.removeFirst()
        condition.broadcast()
        return job
    }
}
