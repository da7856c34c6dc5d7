import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostSearch
import Testing
@testable import PostSearchServer

/// Read replicas with Xapian's own replication: `xapian-replicate-server` serves the master's
/// folder, `xapian-replicate` keeps a replica of it (a folder with a stub, `XAPIANDB`, naming
/// the current copy), and the server answers from the replica.
@Suite struct ReplicaTests {
    static let replicationServer = "/usr/bin/xapian-replicate-server"
    static let replicate = "/usr/bin/xapian-replicate"
    static let queries = ["q=harbour", "q=%22storm%20tide%22&facets=category,author,year", "q=gull%20-rope&sort=newest",
                          "facets=category&category=Sea%202", "q=title:revised"]

    static func posts(_ range: Range<Int>, version: Int) -> [Post] {
        let words = ["harbour", "ferry", "storm", "lighthouse", "tide", "gull", "anchor", "sail", "rope", "keel"]
        return range.map { i in
            Post(id: "post-\(i)", title: "Log \(i) " + words[i % words.count] + (version > 0 && i % 4 == 0 ? " revised" : ""),
                 date: PostDate("20\(10 + i % 12)-0\(1 + i % 9)-1\(i % 10)"), authors: ["Crew \(i % 7)"],
                 categories: ["Sea \(i % 5)", "Port \(i % 3)"],
                 body: (0..<30).map { words[($0 * 7 + i * 3) % words.count] }.joined(separator: " "))
        }
    }

    /// Starts `executable`; its exit status arrives through `exited`, on Foundation's own
    /// thread. (Waiting with `waitUntilExit` would spin on one of the few threads the live
    /// server and the tests running beside this one share.)
    static func launch(_ executable: String, _ arguments: [String], exited: @escaping @Sendable (Int32) -> Void = { _ in }) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.terminationHandler = { exited($0.terminationStatus) }
        try process.run()
        return process
    }

    /// `xapian-replicate-server` on a free loopback port, serving the databases in `folder`.
    static func startServer(_ folder: String) async throws -> (Process, Int) {
        for _ in 0..<20 {
            let port = Int.random(in: 20_000...40_000)
            let process = try launch(replicationServer, ["--interface", "127.0.0.1", "--port", String(port), folder])
            try await Task.sleep(for: .milliseconds(300))
            if process.isRunning { return (process, port) }
        }
        throw PostSearchError.internalError("could not start xapian-replicate-server")
    }

    /// One pass of `xapian-replicate` (retried while the server starts listening).
    static func replicateOnce(port: Int, master: String, into replica: String) async throws {
        for _ in 0..<30 {
            let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, Error>) in
                do {
                    _ = try launch(replicate, ["-h", "127.0.0.1", "-p", String(port), "-m", master, "-o", replica]) {
                        continuation.resume(returning: $0)
                    }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            if status == 0 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw PostSearchError.internalError("xapian-replicate failed")
    }

    /// Fails with the first query whose answers differ, from where they part.
    func expectSame(_ served: [String], _ master: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for (query, (got, want)) in zip(Self.queries, zip(served, master)) where got != want {
            let from = got.commonPrefix(with: want).count
            Issue.record("\(query): the replica answers …\(got.dropFirst(max(0, from - 80)).prefix(300))… where the master answers …\(want.dropFirst(max(0, from - 80)).prefix(300))…",
                         sourceLocation: sourceLocation)
            return
        }
    }

    /// The master's answers, as the server would give them.
    static func answers(_ master: String) throws -> [String] {
        let searcher = try Searcher(path: master)
        return try queries.map { try searcher.search(SearchRequest(queryString: $0)).json }
    }

    @Test func aReplicaServedByPostsearchFollowsTheMaster() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.replicationServer),
              FileManager.default.isExecutableFile(atPath: Self.replicate) else {
            print("xapian-replicate is not installed (Debian package xapian-tools); skipping"); return
        }
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-replica-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let masters = (folder as NSString).appendingPathComponent("masters")
        let master = (masters as NSString).appendingPathComponent("blog")
        let replica = (folder as NSString).appendingPathComponent("replica")
        // The master keeps changesets, so a replica takes the changes of a commit, not a whole copy.
        setenv("XAPIAN_MAX_CHANGESETS", "10", 1)
        defer { unsetenv("XAPIAN_MAX_CHANGESETS") }

        // A first import (merged from parts, as `postsearch index` does), then the replica.
        try FileManager.default.createDirectory(atPath: masters, withIntermediateDirectories: true)
        let archive = (folder as NSString).appendingPathComponent("posts.jsonl")
        try Self.posts(0..<80, version: 0).map { post in
            var writer = JSONWriter()
            post.writeJSON(to: &writer)
            return writer.string
        }.joined(separator: "\n").write(toFile: archive, atomically: true, encoding: .utf8)
        let first = try Indexer(path: master)
        first.jobs = 2
        _ = try first.importArchive([archive])
        try first.close()
        let (server, port) = try await Self.startServer(masters)
        // SIGKILL: the server may run with SIGTERM blocked (inherited from the test runner's mask).
        defer { kill(server.processIdentifier, SIGKILL) }
        try await Self.replicateOnce(port: port, master: "blog", into: replica)

        var configuration = ServerConfiguration(indexPath: replica)
        configuration.port = 0
        let application = try Server.application(configuration: configuration, logger: Logger(label: "replica"))
        try await application.test(.live) { client in
            func served() async throws -> [String] {
                var bodies: [String] = []
                for query in Self.queries {
                    bodies.append(try await client.execute(uri: "/search?\(query)", method: .get) { String(buffer: $0.body).trimmingCharacters(in: .newlines) })  // the server ends a body with a newline
                }
                return bodies
            }
            func revision() async throws -> Int {
                try await client.execute(uri: "/health", method: .get) { try json($0.body)["revision"] as? Int ?? -1 }
            }
            try await expectSame(served(), Self.answers(master))
            var revisions = [try await revision()]

            // Posts changed, added and deleted on the master: the replica takes the changesets.
            let indexer = try Indexer(path: master)
            for post in Self.posts(0..<90, version: 1) { try indexer.index(post) }
            _ = try indexer.delete(id: "post-3")
            try indexer.close()
            try await Self.replicateOnce(port: port, master: "blog", into: replica)
            try await expectSame(served(), Self.answers(master))
            revisions.append(try await revision())

            // A compaction replaces the master's folder: the replica is copied whole into a new
            // folder its stub then names, and the server follows the stub.
            _ = try Indexer(path: master).compactAndClose()
            try await Self.replicateOnce(port: port, master: "blog", into: replica)
            try await expectSame(served(), Self.answers(master))
            revisions.append(try await revision())
            #expect(revisions == revisions.sorted() && Set(revisions).count == revisions.count, "\(revisions)")
        }
    }
}
