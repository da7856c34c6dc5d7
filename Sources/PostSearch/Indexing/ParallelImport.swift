import Foundation

/// What `Indexer.importArchive` hands posts to: the two-thread `IndexPipeline`, or `ParallelImport`.
protocol PostSink: AnyObject {
    /// Takes one post read from an archive; rethrows a writer's error.
    func submit(_ imported: ArchiveReader.ImportedPost) throws
    /// What has been written so far.
    var progress: IndexPipeline.Counts { get }
    /// Writes everything submitted; returns what was done.
    func finish() throws -> IndexPipeline.Counts
    /// Gives up after a failed read: what is not in the index yet stays out.
    func cancel()
}

extension Indexer {
    /// A parallel import for more than one job on an unsharded index; else the two-thread pipeline.
    func makePostSink() throws -> PostSink {
        jobs > 1 && databases.count == 1 && staged == nil ? try ParallelImport(indexer: self) : IndexPipeline(indexer: self)
    }
}

/// An import on every core: `jobs` workers (`PartBuilder`) each analyse their share of the posts
/// and write it into scratch databases of their own (parts, in `INDEX.parts/`), with no lock or
/// database shared. At the end the parts go into the index one of two ways:
///
/// - **merged**: Xapian's compactor writes the index and the parts as one new, compacted database
///   beside the index (older versions of re-imported posts dropped), which replaces the index in
///   one atomic rename when the indexer closes (`Indexer.stageMerge`). Chosen when the parts hold
///   at least a quarter as many posts as the index (every first import): the merge reads and
///   writes the whole index, which costs less than writing that many posts one by one. Readers
///   see the index as it was until the swap; a killed import leaves it as it was.
/// - **copied** post by post into the index, committing every `batchSize` posts as the two-thread
///   pipeline does: a few posts added to a large index.
final class ParallelImport: PostSink {
    /// Merge when the parts hold at least 1/mergeFraction as many posts as the index.
    static let mergeFraction = 4

    private unowned let indexer: Indexer
    private let folder: String
    private var workers: [PartBuilder] = []

    /// Starts `indexer.jobs` workers, removing what a killed import left behind.
    init(indexer: Indexer) throws {
        self.indexer = indexer
        folder = indexer.path + ".parts"
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.removeItem(atPath: indexer.copyPath)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let index = try indexer.documentCount > 0 ? indexer.databasePaths[0] : nil
            for job in 0..<indexer.jobs {
                let path = (folder as NSString).appendingPathComponent("job-\(job)")
                workers.append(try Indexer.translating(path: indexer.path) {
                    try PartBuilder(folder: path, postsPerPart: indexer.postsPerPart, indexPath: index, defaultStemmer: indexer.language,
                                    fields: indexer.fieldRegistry)
                })
            }
        } catch let error as PostSearchError {
            cancel()
            throw error
        } catch {
            cancel()
            throw PostSearchError.indexWriteFailed(path: indexer.path, reason: "cannot create \(folder): \(error.localizedDescription)")
        }
    }

    func submit(_ imported: ArchiveReader.ImportedPost) throws {
        let worker = workers[Int(Schema.fnv1a64(imported.post.id) % UInt64(workers.count))]
        try Indexer.translating(path: indexer.path) { try worker.submit(imported) }
    }

    var progress: IndexPipeline.Counts {
        workers.map(\.progress).reduce(into: IndexPipeline.Counts()) { $0.add($1) }
    }

    func finish() throws -> IndexPipeline.Counts {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let results: [PartBuilder.Result]
        do {
            results = try Indexer.translating(path: indexer.path) { try workers.map { try $0.finish() } }
        } catch {
            cancel()
            throw error
        }
        for result in results { indexer.noteIndexed(stemmers: result.stemmers, slotCounts: result.slotCounts) }
        let written = results.reduce(0) { $0 + $1.idTerms.count }
        if written > 0 {
            let indexed = try indexer.documentCount
            if written * Self.mergeFraction >= indexed {
                let sources = (indexed > 0 ? [indexer.databasePaths[0]] : []) + results.flatMap(\.parts)
                let scratch = (folder as NSString).appendingPathComponent("merged")
                let replaced = results.flatMap(\.replaced)
                try indexer.stageMerge(of: sources, droppingOlderVersionsOf: replaced, scratch: scratch)
            } else {
                try copy(results)
            }
        }
        return results.reduce(into: IndexPipeline.Counts()) { $0.add($1.counts) }
    }

    func cancel() {
        for worker in workers { worker.cancel() }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Writes the parts' posts into the index, part after part, oldest first.
    private func copy(_ results: [PartBuilder.Result]) throws {
        for result in results {
            var idTerms = result.idTerms[...]
            for part in result.parts {
                let database = try Indexer.translating(path: indexer.path) { try XapianDatabase(path: part) }
                let last = try Indexer.translating(path: indexer.path) { try database.lastDocumentID }
                for docid in 1..<(last + 1) {
                    let document = try Indexer.translating(path: indexer.path) { try database.document(docid) }
                    try indexer.writeCopy(document, idTerm: idTerms.removeFirst())
                }
            }
        }
    }
}
