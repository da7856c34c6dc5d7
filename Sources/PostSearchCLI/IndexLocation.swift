import ArgumentParser
import PostSearch

/// The `--index DIR` option every subcommand shares. Searches take several (shards, stub files).
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The index folder (default: $POSTSEARCH_INDEX, else ./postsearch-index). Searches accept it several times, and Xapian stub files (auto PATH, remote HOST:PORT lines), to search many databases as one.",
        valueName: "dir"))
    var index: [String] = []

    /// The indexes to search.
    var paths: [String] {
        let given = index.filter { !$0.isEmpty }
        if !given.isEmpty { return given }
        if let fromEnvironment = Environment.value("POSTSEARCH_INDEX"), !fromEnvironment.isEmpty { return [fromEnvironment] }
        return ["postsearch-index"]
    }

    /// The one index a writer opens.
    var path: String { paths[0] }

    /// A reader of every index given, every shard required.
    func searcher() throws -> Searcher { try Searcher(paths: paths) }
}

/// How a search treats shards that do not answer (searching commands only).
struct ShardOptions: ParsableArguments {
    @Flag(help: "When a shard cannot be reached, answer from the others and flag the response \"partial\".")
    var allowPartial = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds a remote shard may take to answer.", valueName: "seconds"))
    var remoteTimeout: OptionValue = 10

    func searcher(_ location: IndexLocation) throws -> Searcher {
        try Searcher(paths: location.paths, allowPartial: allowPartial, remoteTimeout: try remoteTimeout.number("remote-timeout", in: 0.001...86_400))
    }
}
