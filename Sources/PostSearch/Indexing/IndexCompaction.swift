import Foundation

/// What `Indexer.compactAndClose()` did.
public struct CompactionReport: Sendable {
    public let bytesBefore: Int64
    public let bytesAfter: Int64
    public let seconds: Double

    /// One JSON object: {"bytes_before", "bytes_after", "seconds"}.
    public var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("bytes_before"); writer.int(Int(bytesBefore))
        writer.key("bytes_after"); writer.int(Int(bytesAfter))
        writer.key("seconds"); writer.double(seconds, decimals: 3)
        writer.endObject()
        return writer.string
    }
}

extension Indexer {
    /// How tightly compaction and merges pack the index's B-tree blocks (see README: Compaction).
    static let compactionLevel = XapianDatabase.CompactionLevel.full

    /// Rewrites each database of the index compactly, as `xapian-compact` does (an import leaves
    /// B-tree blocks part-empty; compaction saves a fifth or more), then releases
    /// the write lock. The lock is held throughout, so no other indexer writes meanwhile.
    ///
    /// Each database is compacted into a folder beside it (`NAME.compacting`), checked, and then
    /// swapped with the live folder in one atomic rename (Linux `RENAME_EXCHANGE`); the old
    /// contents are removed last. A killed compaction leaves the index as it was, or already
    /// compacted, plus a leftover folder the next compaction removes. Searchers notice the new
    /// folder and reopen it (see `Searcher.refresh()`). Xapian's revision starts again in the
    /// copy; postsearch's own goes on (`Schema.MetadataKey.revision`).
    public func compactAndClose() throws -> CompactionReport {
        let started = Date()
        try commit()
        let before = databasePaths.reduce(Int64(0)) { $0 + DiskUsage.bytes(under: $1) }
        var compacted: [XapianWritableDatabase] = []
        var replaced: [String] = []
        for path in databasePaths {
            let copy = path + ".compacting"
            try? FileManager.default.removeItem(atPath: copy)
            do {
                let live = try XapianDatabase(path: path)
                try live.compact(to: copy, level: Self.compactionLevel)
                let database = try XapianWritableDatabase(path: copy, create: false)
                guard try database.documentCount == live.documentCount else {
                    throw PostSearchError.indexWriteFailed(path: path, reason: "the compacted copy holds a different number of posts")
                }
                try database.setMetadata(Schema.MetadataKey.revision, String(revision + 1))
                try database.commit()
                compacted.append(database)
            } catch {
                try? FileManager.default.removeItem(atPath: copy)
                if let error = error as? XapianError { throw PostSearchError.indexWriteFailed(path: path, reason: error.message) }
                throw error
            }
            try FolderSwap.exchange(path, copy)
            replaced.append(copy)
        }
        try close()
        for old in replaced { try? FileManager.default.removeItem(atPath: old) }
        // The copies hold the lock on the folders now in place until the old ones are gone.
        for database in compacted { try database.close() }
        let after = databasePaths.reduce(Int64(0)) { $0 + DiskUsage.bytes(under: $1) }
        return CompactionReport(bytesBefore: before, bytesAfter: after, seconds: Date().timeIntervalSince(started))
    }
}
