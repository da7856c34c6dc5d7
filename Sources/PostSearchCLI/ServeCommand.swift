import ArgumentParser
import PostSearch
import PostSearchServer

/// `postsearch serve`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index over HTTP as a read-only JSON API.",
        discussion: """
        Endpoints: GET /search (the search options as query parameters, the same JSON as
        `postsearch search --json`), GET /posts/{id} (id percent-encoded, / as %2F), GET /health,
        GET /openapi.json. A running `postsearch index` may update the index meanwhile: new posts
        show up in search as soon as it commits.

        Examples:
          postsearch serve
          postsearch serve --index /var/lib/postsearch/blog --port 9000
          curl 'http://127.0.0.1:8080/search?q=ministers&facets=category,year'
          postsearch serve --host 0.0.0.0   # every interface: an explicit choice
        """
    )

    @OptionGroup var location: IndexLocation

    @Option(help: ArgumentHelp("Address to listen on (loopback by default).", valueName: "host"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on.", valueName: "port"))
    var port = 8080

    @Option(help: ArgumentHelp("Most results one request may ask for.", valueName: "n"))
    var maxLimit = SearchRequest.maxLimit

    @Option(help: ArgumentHelp("Longest accepted query, in characters.", valueName: "n"))
    var maxQueryLength = 1_000

    @Option(help: ArgumentHelp("Per-query time limit in seconds (0 for none).", valueName: "seconds"))
    var timeLimit = 2.0

    @Option(help: ArgumentHelp("Longest accepted request URI, in bytes.", valueName: "bytes"))
    var maxURILength = 8_192

    @Option(help: ArgumentHelp("Searches run at once (read handles); default: cores, at least 2.", valueName: "n"))
    var searchers: Int?

    @Option(help: ArgumentHelp("Seconds an idle connection is kept open.", valueName: "seconds"))
    var idleTimeout = 30.0

    @Option(help: ArgumentHelp("Connections served at once (more wait to be accepted).", valueName: "n"))
    var maxConnections = 1_000

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...SearchRequest.maxLimit).contains(maxLimit) else { throw ValidationError("--max-limit must be between 1 and \(SearchRequest.maxLimit)") }
        guard maxQueryLength > 0, maxURILength > 0, timeLimit >= 0, idleTimeout > 0, maxConnections > 0 else { throw ValidationError("limits must be positive") }
        if let searchers, searchers < 1 { throw ValidationError("--searchers must be at least 1") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(indexPaths: location.paths)
        configuration.allowPartial = location.allowPartial
        configuration.remoteTimeout = location.remoteTimeout
        configuration.host = host
        configuration.port = port
        configuration.maxLimit = maxLimit
        configuration.maxQueryLength = maxQueryLength
        configuration.timeLimit = timeLimit
        configuration.maxURILength = maxURILength
        configuration.idleTimeout = idleTimeout
        configuration.maxConnections = maxConnections
        if let searchers { configuration.searchers = searchers }
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            Terminal.printError("postsearch: serving on \(host): reachable from other machines")
        }
        do {
            try await Server.run(configuration: configuration)
        } catch {
            throw ExitCode(reportFailure(error))
        }
    }
}
