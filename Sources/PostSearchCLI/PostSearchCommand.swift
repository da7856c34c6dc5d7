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
        subcommands: [IndexCommand.self, DeleteCommand.self, SearchCommand.self, StatsCommand.self, ServeCommand.self, RelatedCommand.self, ExportCommand.self, CompactCommand.self, ReplayCommand.self]
    )

    public init() {}
}

/// The `--index DIR` option every subcommand shares. Searches take several (shards, stub files).
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The index folder (default: $POSTSEARCH_INDEX, else ./postsearch-index). Searches accept it several times, and Xapian stub files (auto PATH, remote HOST:PORT lines), to search many databases as one.",
        valueName: "dir"))
    var index: [String] = []

    @Flag(help: "When a shard cannot be reached, answer from the others and flag the response \"partial\" (searches only).")
    var allowPartial = false

    @Option(help: ArgumentHelp("Seconds a remote shard may take to answer (searches only).", valueName: "seconds"))
    var remoteTimeout = 10.0

    /// The indexes to search.
    var paths: [String] {
        let given = index.filter { !$0.isEmpty }
        if !given.isEmpty { return given }
        if let fromEnvironment = Environment.value("POSTSEARCH_INDEX"), !fromEnvironment.isEmpty { return [fromEnvironment] }
        return ["postsearch-index"]
    }

    /// The one index a writer opens.
    var path: String { paths[0] }

    func searcher() throws -> Searcher {
        try Searcher(paths: paths, allowPartial: allowPartial, remoteTimeout: remoteTimeout)
    }
}
