import ArgumentParser
import PostSearch

/// `postsearch related ID`
struct RelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: "List posts like the given one (more like this).",
        discussion: """
        Uses the index's own statistics: the terms that best tell this post apart (Xapian's relevance feedback) are searched for. The post itself is left out; filters, sort, paging and facets work as in `search`, and --json prints the same shape.

        Examples:
          postsearch related news/2021/ministerial-meeting.txt
          postsearch related blog/2020/facets --category Search --limit 5 --json
        """
    )

    @Argument(help: ArgumentHelp("The post's id.", valueName: "id"))
    var id: String

    @OptionGroup var location: IndexLocation

    @OptionGroup var shards: ShardOptions

    @OptionGroup var options: ResultOptions

    func run() throws {
        let response: SearchResponse
        do {
            var request = SearchRequest()
            try options.apply(to: &request)
            guard let found = try shards.searcher(location).related(to: id, request) else {
                Terminal.printError("postsearch: no post with id \"\(id)\"")
                throw ExitCode(1)
            }
            response = found
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitCode(reportFailure(error))
        }
        printResponse(response, json: options.json)
    }
}
