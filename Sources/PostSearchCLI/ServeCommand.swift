import ArgumentParser
import PostSearch
import PostSearchServer

/// `postsearch serve`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index over HTTP: a search page for people and a read-only JSON API.",
        discussion: """
        The search page is at / (a post view at /?post=ID; it works on phones). Endpoints (GET, HEAD):

          /search                 the search options as query parameters, the same JSON as
                                  `postsearch search --json`; an unknown parameter is a 400
          /search.atom            the same search as an Atom feed, newest first
          /posts/{id}             one post (id percent-encoded, / as %2F)
          /posts/{id}/related     posts like it
          /opensearch.xml         lets browsers add the site's search
          /widget.js              a search box for another site's pages (with --cors-origin)
          /health, /openapi.json  the server's state, the API described

        A running `postsearch index` may update the index meanwhile: new posts show up in search as soon as it commits. With --query-log, each search adds a JSON line (no client address) that `postsearch stats --queries` reports on.

        Examples:
          postsearch serve
          postsearch serve --index /var/lib/postsearch/blog --port 9000 --title "Example blog"
          curl 'http://127.0.0.1:8080/search?q=ministers&facets=category,year'
          curl 'http://127.0.0.1:8080/search.atom?category=News'
          postsearch serve --cors-origin https://blog.example.org --query-log queries.jsonl
          postsearch serve --host 0.0.0.0   # every interface: an explicit choice
          postsearch serve --public-url https://search.example.org   # behind a proxy
        """
    )

    @OptionGroup var location: IndexLocation

    @OptionGroup var shards: ShardOptions

    @Option(help: ArgumentHelp("Address to listen on (loopback by default).", valueName: "host"))
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: ArgumentHelp("Port to listen on, 0 to 65535 (0: any free port).", valueName: "port"))
    var port: OptionValue = 8080

    @Option(parsing: .unconditional, help: ArgumentHelp("Most results one request may ask for, 1 to \(SearchRequest.maxLimit).", valueName: "n"))
    var maxLimit: OptionValue = OptionValue(integerLiteral: SearchRequest.maxLimit)

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest accepted query, in characters.", valueName: "n"))
    var maxQueryLength: OptionValue = 1_000

    @Option(parsing: .unconditional, help: ArgumentHelp("Per-query time limit in seconds (0 for none).", valueName: "seconds"))
    var timeLimit: OptionValue = 2.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Longest accepted request URI, in bytes.", valueName: "bytes"))
    var maxURILength: OptionValue = 8_192

    @Option(parsing: .unconditional, help: ArgumentHelp("Searches run at once (read handles); default: cores, at least 2.", valueName: "n"))
    var searchers: OptionValue?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds an idle connection is kept open.", valueName: "seconds"))
    var idleTimeout: OptionValue = 30.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Connections served at once (more wait to be accepted).", valueName: "n"))
    var maxConnections: OptionValue = 1_000

    @Option(help: ArgumentHelp("The site's name: the page's title and header, the feed's and OpenSearch's name.", valueName: "name"))
    var title = "postsearch"

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp(
        "An origin whose pages may call /search, /search.atom and /posts from a browser (https://blog.example.org); repeat for several; * for any. Default: none.",
        valueName: "origin"))
    var corsOrigins: [String] = []

    @Option(help: ArgumentHelp("The address readers reach the server at, for the absolute links of feeds and OpenSearch (default: http:// and the request's Host).", valueName: "url"))
    var publicURL: String?

    @Option(help: ArgumentHelp("Append one JSON line per search (time, query, filters, total, ms; no client address) to this file.", valueName: "file"))
    var queryLog: String?

    /// The settings the options give; a bad value is an error naming its option.
    func configuration() throws -> ServerConfiguration {
        var configuration = ServerConfiguration(indexPaths: location.paths)
        configuration.allowPartial = shards.allowPartial
        configuration.remoteTimeout = try shards.remoteTimeout.number("remote-timeout", in: 0.001...86_400)
        configuration.host = host
        configuration.port = try port.integer("port", in: 0...65_535)
        configuration.maxLimit = try maxLimit.integer("max-limit", in: 1...SearchRequest.maxLimit)
        configuration.maxQueryLength = try maxQueryLength.integer("max-query-length", in: 1...1_000_000)
        configuration.timeLimit = try timeLimit.number("time-limit", in: 0...3_600)
        configuration.maxURILength = try maxURILength.integer("max-uri-length", in: 64...1_000_000)
        configuration.idleTimeout = try idleTimeout.number("idle-timeout", in: 0.001...86_400)
        configuration.maxConnections = try maxConnections.integer("max-connections", in: 1...1_000_000)
        if let searchers { configuration.searchers = try searchers.integer("searchers", in: 1...1024) }
        guard !title.trimmingWhitespace().isEmpty else { throw PostSearchError.invalidParameter(name: "--title", message: "give the site a name") }
        configuration.title = title
        do {
            _ = try CORSPolicy(origins: corsOrigins)
        } catch let PostSearchError.invalidParameter(_, message) {
            throw PostSearchError.invalidParameter(name: "--cors-origin", message: message)
        }
        configuration.corsOrigins = corsOrigins
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
            throw PostSearchError.invalidParameter(name: "--public-url", message: "\"\(publicURL)\" is not an http:// or https:// address")
        }
        configuration.publicURL = publicURL
        configuration.queryLogPath = queryLog
        return configuration
    }

    func run() async throws {
        do {
            let configuration = try configuration()
            if !["127.0.0.1", "::1", "localhost"].contains(host) {
                Terminal.printError("postsearch: serving on \(host): reachable from other machines")
            }
            try await Server.run(configuration: configuration)
        } catch {
            throw ExitCode(reportFailure(error))
        }
    }
}
