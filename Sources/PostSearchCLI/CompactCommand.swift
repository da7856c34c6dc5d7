import ArgumentParser
import Foundation
import PostSearch

/// `postsearch compact`
struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Rewrite the index compactly (as xapian-compact), in place, while it stays searchable.",
        discussion: """
        An import leaves the index's B-tree blocks part-empty; compacting after a large import typically saves a third of the disk space or more and makes searches read less. Holds the write lock meanwhile (no import runs), writes a compacted copy beside the index, then swaps it in atomically; running servers switch to it on their next search. Needs free disk space for the copy. Like Elasticsearch's force-merge: worth it after bulk loads, not after every small update.

        Examples:
          postsearch compact
          postsearch compact --index /var/lib/postsearch/blog --json
        """
    )

    @OptionGroup var location: IndexLocation

    @OptionGroup var writer: WriterOptions

    @Flag(help: #"Print one JSON object: {"bytes_before", "bytes_after", "seconds"}."#)
    var json = false

    func run() throws {
        let report: CompactionReport
        do {
            _ = try Shard.list(location.path)  // an index that is not there is not created here
            report = try writer.openIndexer { try Indexer(path: location.path) }.compactAndClose()
        } catch {
            throw ExitCode(reportFailure(error))
        }
        if json {
            print(report.json)
        } else {
            let size = { ByteCountFormatter.string(fromByteCount: $0, countStyle: .file) }
            print("Compacted \(location.path): \(size(report.bytesBefore)) → \(size(report.bytesAfter)) in \(String(format: "%.1f", report.seconds)) s.")
        }
    }
}
