import ArgumentParser
import PostSearch

/// `postsearch`: the root command.
public struct PostSearchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "postsearch",
        abstract: "Full-text search for archives of posts (blogs, news sites, WordPress exports), on Xapian.",
        discussion: """
        Index an archive once, then search it from the command line or over HTTP.

        Examples:
          postsearch index examples/sample-archive
          postsearch search ministers --facets category,year
          postsearch search 'title:meeting AND author:admin' --json
          postsearch stats
          postsearch serve --port 8080

        The index folder is --index, else $POSTSEARCH_INDEX, else ./postsearch-index.
        """,
        version: "0.1.0 (Xapian \(xapianVersion))",
        subcommands: [IndexCommand.self, DeleteCommand.self, SearchCommand.self, StatsCommand.self, ServeCommand.self, RelatedCommand.self, ReplayCommand.self]
    )

    public init() {}
}

/// The `--index DIR` option every subcommand shares.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index folder (default: $POSTSEARCH_INDEX, else ./postsearch-index).", valueName: "dir"))
    var index: String?

    var path: String {
        if let index, !index.isEmpty { return index }
        if let fromEnvironment = Environment.value("POSTSEARCH_INDEX"), !fromEnvironment.isEmpty { return fromEnvironment }
        return "postsearch-index"
    }
}
