/// One import's bookkeeping, whatever the posts come from (files, a live site): the report, the
/// ids read (for `--prune`), where each id came from (to report an id given twice), and the
/// pipeline or parallel import that analyses and writes the posts.
final class ImportRun {
    var report = IndexReport()
    private(set) var seen: Set<String> = []
    private var origins = PostOrigins()
    let pipeline: PostSink
    private let prune: Bool

    init(indexer: Indexer, prune: Bool) throws {
        pipeline = try indexer.makePostSink()
        self.prune = prune
    }

    func take(_ item: ArchiveReader.Item) throws {
        switch item {
        case .failure(let failure): report.failures.append(failure)
        case .missing(let path): report.missingPaths.append(path)
        case .notAPost(let reason): report.notPosts.append(reason)
        case .warning(let warning): report.warnings.append(warning)
        case .post(let imported):
            if prune { seen.insert(imported.post.id) }
            if let earlier = origins.record(id: imported.post.id, file: imported.file) {
                report.warnings.append(ImportFailure(file: imported.file, line: imported.line, reason:
                    "post \"\(imported.post.id)\" was also read from \(earlier); this one replaces it"))
            }
            try pipeline.submit(imported)
        }
    }

    /// The report so far, with what the writer thread has done.
    var running: IndexReport {
        var running = report
        running.merge(pipeline.progress)
        return running
    }

    /// Waits for the writers; after an error, stops them (what is not in the index yet stays
    /// out) and rethrows.
    func finish(after body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            pipeline.cancel()
            throw error
        }
        report.merge(try pipeline.finish())
    }
}
