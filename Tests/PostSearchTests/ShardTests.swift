import Foundation
import Testing
@testable import PostSearch

/// One search over several databases: a sharded index, and its shards served by Xapian's own
/// `xapian-tcpsrv`, give the same hits, scores, totals and facet counts as one database.
@Suite(.serialized) struct ShardTests {
    /// Cranfield's 1,400 abstracts with their authors when ../shared is here, else the sample archive.
    static func posts() throws -> (posts: [Post], queries: [String]) {
        guard let shared = Fixtures.sharedDirectory else {
            var posts: [Post] = []
            _ = try ArchiveReader().read([Fixtures.sampleArchive]) { if case .post(let p) = $0 { posts.append(p.post) } }
            return (posts, ["ministers", "migration asylum", "\"western balkans\"", "search OR facets", "training"])
        }
        let folder = (shared as NSString).appendingPathComponent("corpora/relevance/cranfield")
        func records(_ file: String) throws -> [[String: String]] {
            let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(file), encoding: .utf8)
            var out: [[String: String]] = [], field = ""
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(".I ") { out.append(["I": String(line.dropFirst(3)).trimmingWhitespace()]); continue }
                if line.count == 2, line.hasPrefix(".") { field = String(line.dropFirst()); continue }
                if !out.isEmpty { out[out.count - 1][field, default: ""] += line + " " }
            }
            return out
        }
        let docs = try records("cran.all.1400")
        let year = (1955...1965).map(String.init)
        let posts = docs.enumerated().map { index, doc in
            Post(id: doc["I"]!, title: doc["T"] ?? "", date: PostDate("\(year[index % year.count])-01-01"),
                 authors: (doc["A"] ?? "").split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty },
                 body: doc["W"] ?? "")
        }
        let queries = try records("cran.qry").prefix(60).map { $0["W"] ?? "" }
        return (posts, queries)
    }

    struct Server {
        let process: Process
        let port: Int
        /// SIGKILL: a child started from a test thread inherits its blocked signals, and
        /// xapian-tcpsrv then never sees SIGTERM.
        func stop() {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    static let tcpsrv = "/usr/bin/xapian-tcpsrv"

    static func serve(_ database: String) throws -> Server {
        for _ in 0..<20 {
            let port = Int.random(in: 20_000...40_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tcpsrv)
            process.arguments = ["--interface", "127.0.0.1", "--port", String(port), database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until it answers (or exits: the port was taken).
            for _ in 0..<50 {
                if !process.isRunning { break }
                if (try? XapianDatabase(host: "127.0.0.1", port: port, timeout: 2)) != nil { return Server(process: process, port: port) }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Server(process: process, port: port).stop()
        }
        throw PostSearchError.internalError("could not start xapian-tcpsrv")
    }

    /// Hits as (id, score) sorted by score then id: posts with equal scores may come in either order.
    static func ranked(_ response: SearchResponse) -> [String] {
        response.hits.map { String(format: "%.9f %@", $0.score, $0.post.id) }.sorted()
    }

    @Test func shardsLocalAndRemoteEqualOneDatabase() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.tcpsrv) else {
            print("xapian-tcpsrv is not installed (Debian package xapian-tools); skipping"); return
        }
        let (posts, queries) = try Self.posts()
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let single = try Indexer(path: dir.file("single"))
        let sharded = try Indexer(path: dir.file("sharded"), shards: 2)
        #expect(sharded.shardCount == 2)
        for post in posts {
            try single.index(post)
            try sharded.index(post)
        }
        try single.close()
        try sharded.close()

        let servers = try ["shard-0", "shard-1"].map { try Self.serve(dir.file("sharded/\($0)")) }
        defer { servers.forEach { $0.stop() } }
        let stub = try dir.write("remote.stub", servers.map { "remote 127.0.0.1:\($0.port)" }.joined(separator: "\n") + "\n")

        let one = try Searcher(path: dir.file("single"))
        let local = try Searcher(path: dir.file("sharded"))
        let remote = try Searcher(path: stub)
        #expect(try remote.documentCount == posts.count)
        for query in queries {
            for sort in [SearchRequest.Sort.relevance, .newest] {
                var request = SearchRequest(query: query)
                request.sort = sort
                request.limit = 20
                request.facets = [.author, .year]
                request.facetLimit = 0
                request.suggest = false
                let expected = try one.search(request)
                for (name, searcher) in [("local shards", local), ("remote shards", remote)] {
                    let got = try searcher.search(request)
                    #expect(got.total == expected.total, "\(name): total for \(query)")
                    #expect(Self.ranked(got) == Self.ranked(expected), "\(name): hits for \(query)")
                    #expect(got.facetValues(.author).map(Set.init) == expected.facetValues(.author).map(Set.init), "\(name): authors for \(query)")
                    #expect(got.facetValues(.year) == expected.facetValues(.year), "\(name): years for \(query) sorted \(sort)")
                }
            }
        }

        // A shard that stops answering: an error by default, partial results on request.
        servers[1].stop()
        #expect(throws: PostSearchError.self) { try Searcher(path: stub).search(SearchRequest(query: queries[0])) }
        let partial = try Searcher(paths: [stub], allowPartial: true, remoteTimeout: 2)
        let response = try partial.search(SearchRequest(query: queries[0]))
        #expect(response.partial)
        #expect(partial.unavailableShards.count == 1)
        #expect(try partial.documentCount < posts.count)
    }
}
