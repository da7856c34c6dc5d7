import Foundation

/// How a parallel import's parts reach the index (see `ParallelImport`): merged into a staged
/// copy that replaces the index when the indexer closes, or copied in post by post.
extension Indexer {
    /// The folder beside the index where a compacted or merged copy is written before it is
    /// swapped in; one left by a killed run is removed by the next.
    var copyPath: String { path + ".compacting" }

    /// Merges the databases at `sources` (the index first, when it holds posts, then the parts)
    /// into a compacted copy beside the index, keeping only the newest version of each post in
    /// `replaced` (id terms), and makes that copy the database this indexer writes to. The
    /// index itself stays as it was, and locked, until `close()` swaps the copy in. With older
    /// versions to drop, the merge goes to `scratch` first and is compacted again after the
    /// deletions (which would otherwise leave the copy's packed blocks rewritten, twice the size).
    func stageMerge(of sources: [String], droppingOlderVersionsOf replaced: [String], scratch: String) throws {
        let copy = copyPath
        try? FileManager.default.removeItem(atPath: copy)
        do {
            let merged = try Self.translating(path: path) {
                if replaced.isEmpty {
                    try XapianDatabase.merge(sources, into: copy, level: Self.compactionLevel)
                } else {
                    try XapianDatabase.merge(sources, into: scratch, level: .standard)
                    let merged = try XapianWritableDatabase(path: scratch, create: false)
                    for idTerm in replaced { try merged.keepNewest(ofTerm: idTerm) }
                    try merged.close()
                    try XapianDatabase(path: scratch).compact(to: copy, level: Self.compactionLevel)
                }
                return try XapianWritableDatabase(path: copy, create: false)
            }
            staged = databases[0]
            databases = [merged]
            databasePaths = [copy]
            spellingStale = true
        } catch {
            try? FileManager.default.removeItem(atPath: copy)
            throw error
        }
    }

    /// Puts the staged copy in place of the index in one atomic rename (readers see the old
    /// index or the new one, never neither), then lets go of both and of the write lock.
    func publishStaged() throws {
        guard let old = staged else { return }
        let copy = copyPath
        try FolderSwap.exchange(path, copy)
        staged = nil
        // The old index, now at `copy`, has nothing pending: closing it writes nothing.
        try? old.close()
        try? FileManager.default.removeItem(atPath: copy)
        // The merged database holds the lock on the folder now at `path` until here, so no
        // other writer can start before the old folder is gone.
        for database in databases { try database.close() }
        databasePaths = [path]
    }

    /// Closes the index after an import: an import that grew it by more than half leaves it
    /// compacted (a bulk load leaves B-tree blocks part-empty); a merged import is compacted
    /// already. `reports` are the runs of this import, in order (files, then sites). Returns the
    /// compaction's report, if there was one.
    @discardableResult
    public func close(after reports: [IndexReport]) throws -> CompactionReport? {
        let added = reports.reduce(0) { $0 + $1.added }
        let before = (reports.last?.totalPosts ?? 0) - added
        guard staged == nil, added > 0, added * 2 > before else {
            try close()
            return nil
        }
        return try compactAndClose()
    }

    /// Replaces (or adds) the post `idTerm` names with `document`, read from a part: the copy
    /// route of a parallel import, committed in batches as `write` does.
    func writeCopy(_ document: XapianDocument, idTerm: String) throws {
        try writing { try databases[0].replace(idTerm: idTerm, with: document) }
        pending += 1
        spellingStale = true
        if pending >= batchSize { try commitBatch() }
    }
}
