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
    /// Rewrites each database of the index compactly, as `xapian-compact` does (an import leaves
    /// B-tree blocks part-empty; compaction saves a fifth or more), then releases
    /// the write lock. The lock is held throughout, so no other indexer writes meanwhile.
    ///
    /// Each database is compacted into a folder beside it (`NAME.compacting`), checked, and then
    /// swapped with the live folder in one atomic rename (Linux `RENAME_EXCHANGE`); the old
    /// contents are removed last. A killed compaction leaves the index as it was, or already
    /// compacted, plus a leftover folder the next compaction removes. Searchers notice the new
    /// folder and reopen it (see `Searcher.refresh()`).
    public func compactAndClose() throws -> CompactionReport {
        let started = Date()
        try commit()
        let before = databasePaths.reduce(Int64(0)) { $0 + DiskUsage.bytes(under: $1) }
        var replaced: [String] = []
        for path in databasePaths {
            let copy = path + ".compacting"
            try? FileManager.default.removeItem(atPath: copy)
            do {
                let live = try XapianDatabase(path: path)
                try live.compact(to: copy)
                guard try XapianDatabase(path: copy).documentCount == live.documentCount else {
                    throw PostSearchError.indexWriteFailed(path: path, reason: "the compacted copy holds a different number of posts")
                }
            } catch let error as XapianError {
                try? FileManager.default.removeItem(atPath: copy)
                throw PostSearchError.indexWriteFailed(path: path, reason: error.message)
            }
            try FolderSwap.exchange(path, copy)
            replaced.append(copy)
        }
        try close()
        for old in replaced { try? FileManager.default.removeItem(atPath: old) }
        let after = databasePaths.reduce(Int64(0)) { $0 + DiskUsage.bytes(under: $1) }
        return CompactionReport(bytesBefore: before, bytesAfter: after, seconds: Date().timeIntervalSince(started))
    }
}
