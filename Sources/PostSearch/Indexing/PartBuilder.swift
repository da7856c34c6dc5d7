import Foundation

/// One worker of a parallel import (`ParallelImport`): on a thread of its own, it analyses the
/// posts routed to it (language, JSON, terms) and writes them into a scratch database of its own,
/// a *part*, that is merged into the index at the end. Parts share nothing, so N of them keep N
/// cores busy; each post goes to the part its id hashes to, so a post read twice in one run meets
/// its first version in the same part.
///
/// A post already indexed with the same content is recognised through a read-only handle on the
/// index as of the import's start (the index does not change until the merge) and not written.
final class PartBuilder: @unchecked Sendable {
    /// What a part holds once finished.
    struct Result {
        var counts = IndexPipeline.Counts()
        /// Id terms of posts the index holds an older version of: the merge drops that version.
        var replaced: [String] = []
        /// Each document's id term, by docid - 1 (docids in a part are 1, 2, 3…).
        var idTerms: [String] = []
        var stemmers: Set<String> = []
        var slotCounts: [String: Int] = [:]
    }

    let path: String
    private let defaultStemmer: String
    /// Posts between two flushes of the part's in-memory changes. Xapian buffers postings and
    /// positions in ordered maps keyed by docid; small buffers keep those maps in cache, which
    /// costs a third of the CPU of Xapian's default (10,000) on synthetic posts (see README).
    private let flushEvery: Int
    private let index: XapianDatabase?
    private let part: XapianWritableDatabase
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

    /// Creates the part at `path` (overwriting a leftover) and starts its thread. `indexPath` is
    /// the index as it stands, read to recognise unchanged posts (nil: an empty index).
    init(path: String, indexPath: String?, defaultStemmer: String, flushEvery: Int) throws {
        self.path = path
        self.defaultStemmer = defaultStemmer
        self.flushEvery = flushEvery
        index = try indexPath.map { try XapianDatabase(path: $0) }
        part = try XapianWritableDatabase(scratchAt: path)
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

    /// Waits for the queued posts, commits and closes the part; returns what it holds.
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

    /// Stops the worker after the post in hand; the part is left for the caller to remove.
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
            do { try part.close() } catch { stop(error) }
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

    /// Writes one post unless the index (or this part, for an id read twice) holds it already
    /// with exactly this content. A post new to both is added without an id lookup.
    private func write(_ imported: ArchiveReader.ImportedPost) throws {
        let post = Indexer.prepared(imported.post)
        let data = DocumentBuilder.storedData(of: post)
        let idTerm = Schema.idTerm(post.id)
        let again = written.contains(idTerm)
        let previous = again ? try part.data(forTerm: idTerm) : try index?.data(forTerm: idTerm)
        if previous == data {
            condition.withLock { counts.unchanged += 1 }
            return
        }
        let stemmer = post.language.map(Languages.stemmer) ?? defaultStemmer
        let document = try builders.builder(for: stemmer).document(for: post, data: data, source: imported.source)
        if again {
            try part.replace(idTerm: idTerm, with: document)
        } else {
            try part.add(document)
            written.insert(idTerm)
            result.idTerms.append(idTerm)
            if previous != nil { result.replaced.append(idTerm) }
        }
        result.stemmers.insert(stemmer)
        result.slotCounts.merge(Indexer.slotCounts(of: post), uniquingKeysWith: max)
        condition.withLock {
            if previous == nil { counts.added += 1 } else { counts.updated += 1 }
        }
        if result.idTerms.count % flushEvery == 0 { try part.commit() }
    }
}
