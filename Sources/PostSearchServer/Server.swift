import Hummingbird
import HummingbirdCore
import Logging
import PostSearch

/// Builds and runs `postsearch serve`.
public enum Server {
    /// The application: router over a pool of read handles on the index. `queryLog`: the log
    /// to keep, else the one `configuration` names (if any).
    public static func application(configuration: ServerConfiguration, logger: Logger, queryLog: QueryLog? = nil) throws -> some ApplicationProtocol {
        let timeLimit = configuration.timeLimit
        let pool = try SearcherPool(paths: configuration.indexPaths, size: configuration.searchers,
                                    allowPartial: configuration.allowPartial, remoteTimeout: configuration.remoteTimeout) { searcher in
            searcher.timeLimit = timeLimit
            searcher.keepsFacetColumns = true
        }
        let queryLog = try queryLog ?? Self.queryLog(configuration, logger: logger)
        let api = try SearchAPI(pool: pool, configuration: configuration, queryLog: queryLog)
        return Application(
            router: api.router(),
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1000)))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "postsearch",
                                 availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
            logger: logger
        )
    }

    /// Serves until SIGINT or SIGTERM, then shuts down cleanly.
    public static func run(configuration: ServerConfiguration) async throws {
        var logger = Logger(label: "postsearch")
        logger.logLevel = .info
        let queryLog = try Self.queryLog(configuration, logger: logger)
        let app = try application(configuration: configuration, logger: logger, queryLog: queryLog)
        logger.info("serving \(configuration.indexPaths.joined(separator: ", ")) on http://\(configuration.host):\(configuration.port)")
        // Lines still waiting in memory are written before the process ends.
        defer { queryLog?.flush() }
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// The query log `--query-log` asks for; write failures go to the server log.
    static func queryLog(_ configuration: ServerConfiguration, logger: Logger) throws -> QueryLog? {
        try configuration.queryLogPath.map { path in
            try QueryLog(path: path) { [logger] problem in logger.error("\(problem)") }
        }
    }
}
