import ArgumentParser
import PostSearch

/// `postsearch`: the root command.
public struct PostSearchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "postsearch",
        abstract: "Full-text search for archives of posts (blogs, news sites, WordPress exports), on Xapian.",
        discussion: """
        Index an archive once, then search it from the command line or over HTTP.

        Exit status: 0 on success; 1 when something failed (records that could not be read, no index, no post read); 2 for a bad option value or query; 64 for a malformed command line (an unknown option, a missing value).

        Examples:
          postsearch index examples/sample-archive
          postsearch search ministers --facets category,year
          postsearch search 'title:meeting AND author:admin' --json
          postsearch stats
          postsearch serve --port 8080

        The index folder is --index, else $POSTSEARCH_INDEX, else ./postsearch-index.
        """,
        version: "0.1.0 (Xapian \(xapianVersion))",
        subcommands: [IndexCommand.self, DeleteCommand.self, SearchCommand.self, StatsCommand.self, ServeCommand.self, RelatedCommand.self, ExportCommand.self, CompactCommand.self, SynonymsCommand.self, ReplayCommand.self]
    )

    public init() {}
}
