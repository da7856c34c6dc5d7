import Foundation
import PostSearch

/// Settings of `postsearch serve`, with the defaults documented in the README.
public struct ServerConfiguration: Sendable {
    /// The indexes searched as one (folders, stub files, shard folders).
    public var indexPaths: [String]
    /// Answer from the reachable shards when some are down (responses say "partial").
    public var allowPartial = false
    /// Seconds a remote shard may take to answer.
    public var remoteTimeout = 10.0
    /// Loopback by default: serving on another address is an explicit choice.
    public var host = "127.0.0.1"
    public var port = 8080
    /// Most results one request may ask for.
    public var maxLimit = SearchRequest.maxLimit
    /// Longest accepted `q`, in characters.
    public var maxQueryLength = 1_000
    /// Per-query time limit in seconds (Xapian's Enquire::set_time_limit; 0 for none).
    public var timeLimit = 2.0
    /// Longest accepted request target (path and query), in bytes.
    public var maxURILength = 8_192
    /// Seconds a connection may sit without sending anything before the server closes it
    /// (so idle or stalled clients cannot hold connections, and file descriptors, for ever).
    public var idleTimeout = 30.0
    /// Connections served at once; more wait to be accepted.
    public var maxConnections = 1_000
    /// Read handles, i.e. searches that run at once.
    public var searchers = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// The site's name: the search page's title and header, the feed's and OpenSearch's names.
    public var title = "postsearch"
    /// Origins (`https://blog.example.org`, or `*`) whose pages may call the API from a browser
    /// (CORS); none by default.
    public var corsOrigins: [String] = []
    /// Where the server is reached from outside (`https://search.example.org`), for the absolute
    /// links of feeds and the OpenSearch description; nil: `http://` and the request's Host.
    public var publicURL: String?
    /// A file that gets one JSON line per search (query analytics); nil: none.
    public var queryLogPath: String?

    public init(indexPaths: [String]) {
        self.indexPaths = indexPaths
    }

    public init(indexPath: String) {
        self.init(indexPaths: [indexPath])
    }
}
