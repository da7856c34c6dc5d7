import ArgumentParser
import PostSearch

/// `postsearch delete ID...`
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove posts from the index by id.",
        discussion: """
        Exit status 0 when every id was found and removed, 1 when some were not in the index.

        Examples:
          postsearch delete news/2021/ministerial-meeting.txt
          postsearch delete blog/1 blog/2 --index /var/lib/postsearch/blog
        """
    )

    @Argument(help: ArgumentHelp("Ids of the posts to remove.", valueName: "id"))
    var ids: [String]

    @OptionGroup var location: IndexLocation

    @OptionGroup var writer: WriterOptions

    func run() throws {
        var missing: [String] = []
        do {
            let indexer = try writer.openIndexer { try Indexer(path: location.path) }
            for id in ids where try !indexer.delete(id: id) { missing.append(id) }
            try indexer.close()
        } catch {
            throw ExitCode(reportFailure(error))
        }
        print("Removed \(counted(ids.count - missing.count, "post")).")
        for id in missing { Terminal.printError("postsearch: no post with id \"\(id)\"") }
        if !missing.isEmpty { throw ExitCode(1) }
    }
}
