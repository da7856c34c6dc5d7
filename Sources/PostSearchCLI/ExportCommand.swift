import ArgumentParser
import Foundation
import PostSearch

/// `postsearch export`: every stored post as JSON Lines, the format `postsearch index` reads back.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print every post of the index as JSON Lines (re-importable with `postsearch index`).",
        discussion: """
        One JSON object a line, in id order, with every field of the stored post: id, title, date, authors, categories, tags, url, language and the full body. Useful to back up an index, move it to another schema version, or feed the same posts to another system.

        Examples:
          postsearch export > posts.jsonl
          postsearch export --index /var/lib/postsearch/blog | gzip > blog.jsonl.gz
        """
    )

    @OptionGroup var location: IndexLocation

    func run() throws {
        do {
            let searcher = try location.searcher()
            let output = FileHandle.standardOutput
            var buffer = Data()
            try searcher.forEachPost { post in
                var writer = JSONWriter()
                post.writeJSON(to: &writer)
                buffer.append(contentsOf: writer.string.utf8)
                buffer.append(0x0A)
                // Written in blocks so that a million posts never sit in memory at once.
                if buffer.count >= 1 << 20 { output.write(buffer); buffer.removeAll(keepingCapacity: true) }
            }
            output.write(buffer)
        } catch {
            throw ExitCode(reportFailure(error))
        }
    }
}
