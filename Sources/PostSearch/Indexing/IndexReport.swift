/// What one indexing run did.
public struct IndexReport: Sendable, Equatable {
    /// Posts new to the index.
    public var added = 0
    /// Posts whose id was already indexed, with changed content.
    public var updated = 0
    /// Posts already indexed with exactly this content: nothing written.
    public var unchanged = 0
    /// Posts removed by `--prune` (or `delete`).
    public var removed = 0
    /// Records that could not be read or indexed, with file and line.
    public var failures: [ImportFailure] = []
    /// Files that are not posts (redirect stubs, index pages, drafts), with the reason.
    public var notPosts: [ImportFailure] = []
    /// Posts indexed with a remark (a date taken from the file name, no date at all, …).
    public var warnings: [ImportFailure] = []
    /// Paths given that do not exist.
    public var missingPaths: [String] = []
    /// Files read, and files passed over because no importer reads their type.
    public var files = 0
    public var passedOver: [String] = []
    public var skippedFiles: Int { passedOver.count }
    /// Files passed over because their size and modification time had not changed (counted in `files`).
    public var unchangedFiles = 0
    /// For a live site: what it was read through (its REST API, a feed, its sitemap).
    public var liveSource: String?
    /// Posts in the index after the run.
    public var totalPosts = 0
    public var seconds = 0.0

    public init() {}

    public var failed: Int { failures.count }

    /// Adds what the writer thread of an import did.
    mutating func merge(_ counts: IndexPipeline.Counts) {
        added += counts.added
        updated += counts.updated
        unchanged += counts.unchanged
        if !counts.failures.isEmpty { failures += counts.failures }
    }
    public var processed: Int { added + updated + unchanged }

    /// The run's summary as one JSON object (`postsearch index --json`).
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("added"); writer.int(added)
        writer.key("updated"); writer.int(updated)
        writer.key("unchanged"); writer.int(unchanged)
        writer.key("removed"); writer.int(removed)
        writer.key("failed"); writer.int(failed)
        writer.key("not_posts"); writer.int(notPosts.count)
        writer.key("files"); writer.int(files)
        writer.key("skipped_files"); writer.int(skippedFiles)
        writer.key("passed_over"); writer.strings(passedOver)
        writer.key("missing_paths"); writer.strings(missingPaths)
        writer.key("unchanged_files"); writer.int(unchangedFiles)
        writer.key("total_posts"); writer.int(totalPosts)
        writer.key("seconds"); writer.double(seconds, decimals: 3)
        for (key, list) in [("failures", failures), ("skipped", notPosts), ("warnings", warnings)] {
            writer.key(key)
            writer.beginArray()
            for failure in list {
                writer.beginObject()
                writer.key("file"); writer.string(failure.file)
                writer.key("line"); if let line = failure.line { writer.int(line) } else { writer.null() }
                writer.key("reason"); writer.string(failure.reason)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
    }
}
