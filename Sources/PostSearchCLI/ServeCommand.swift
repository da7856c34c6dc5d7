import ArgumentParser
import Foundation
import PostSearch
import PostSearchServer

/// `postsearch serve`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index over HTTP: a search page and a read-only JSON API.",
        discussion: """
        The search page is at / (results, filters, a post view; works on phones).
        Endpoints:
          GET /search               the search options as query parameters, the JSON
                                    of `postsearch search --json` (unknown ones: 400)
          GET /search.atom          any search as an Atom feed, newest first
          GET /posts/{id}           one post (id percent-encoded, / as %2F)
          GET /posts/{id}/related   posts like it
          GET /opensearch.xml       lets browsers add the site's search
          GET /widget.js            a search box for another site's pages
          GET /health, GET /openapi.json
        A running `postsearch index` may update the index meanwhile: new posts
        show up in search as soon as it commits.

        Examples:
          postsearch serve
          postsearch serve --index /srv/blog-index --port 9000 --title "A blog"
          curl 'http://127.0.0.1:8080/search?q=ministers&facets=category,year'
          curl 'http://127.0.0.1:8080/search.atom?category=News'
          postsearch serve --cors-origin https://blog.example.org
          postsearch serve --query-log queries.jsonl
          postsearch stats --queries queries.jsonl
          postsearch serve --host 0.0.0.0 --public-url https://search.example.org
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

    @Option(help: ArgumentHelp("The site's name: the search page's title and header, the feed's and OpenSearch's name.", valueName: "name"))
    var title = "postsearch"

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp(
        "An origin whose pages may call /search, /search.atom and /posts from a browser (https://blog.example.org); repeat for several; * for any. None by default.",
        valueName: "origin"))
    var corsOrigins: [String] = []

    @Option(help: ArgumentHelp("The address readers reach the server at (https://search.example.org), for the absolute links of feeds and OpenSearch; default: http:// and the request's Host.", valueName: "url"))
    var publicURL: String?

    @Option(help: ArgumentHelp("Append one JSON line per search (time, query, filters, total, ms; no client address) to this file.", valueName: "file"))
    var queryLog: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...SearchRequest.maxLimit).contains(maxLimit) else { throw ValidationError("--max-limit must be between 1 and \(SearchRequest.maxLimit)") }
        guard maxQueryLength > 0, maxURILength > 0, timeLimit >= 0, idleTimeout > 0, maxConnections > 0 else { throw ValidationError("limits must be positive") }
        if let searchers, searchers < 1 { throw ValidationError("--searchers must be at least 1") }
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--title must not be empty") }
        do {
            _ = try CORSPolicy(origins: corsOrigins)
        } catch let error as PostSearchError {
            throw ValidationError("--cors-origin: \(error.description)")
        }
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
            throw ValidationError("--public-url must start with http:// or https://")
        }
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
        configuration.title = title
        configuration.corsOrigins = corsOrigins
        configuration.publicURL = publicURL
        configuration.queryLogPath = queryLog
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
