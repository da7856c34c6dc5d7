import ArgumentParser
import Foundation
import PostSearch

/// `postsearch replay`: the in-process side of the HTTP benchmark.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run a file of /search query strings in-process and report their rate and latency (for benchmarks).",
        discussion: """
        Each line of the file is a /search query string such as `q=ministers&facets=category,year`, parsed exactly as the server parses it. One untimed warm-up pass, then --passes timed passes on --threads threads, each with its own read handle. Prints one JSON object: {"queries", "threads", "seconds", "qps", "latency_ms": {"p50", "p90", "p95", "p99", "max"}, "hits"}.

        Examples:
          postsearch replay bench/work/queries.txt --passes 3
          postsearch replay queries.txt --threads 2 --index /tmp/idx
          postsearch replay queries.txt --print-hits > runs.jsonl
        """
    )

    @Argument(help: ArgumentHelp("File of query strings, one per line.", valueName: "file"))
    var file: String

    @OptionGroup var location: IndexLocation

    @OptionGroup var shards: ShardOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Timed passes over the file.", valueName: "n"))
    var passes: OptionValue = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Threads searching at once, each with its own handle.", valueName: "n"))
    var threads: OptionValue = 1

    @Flag(help: "Instead of timing, print each query's hit ids as one JSON array a line (for relevance evaluation).")
    var printHits = false

    func run() throws {
        do {
            try replay()
        } catch {
            throw ExitCode(reportFailure(error))
        }
    }

    private func replay() throws {
        let passes = try self.passes.integer("passes", in: 1...1_000_000)
        let threads = try self.threads.integer("threads", in: 1...1024)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let requests = try lines.map { try SearchRequest(queryString: $0) }
        // Long-lived searchers, as the server's.
        let searchers = try (0..<threads).map { _ in
            let searcher = try shards.searcher(location)
            searcher.keepsFacetColumns = true
            return searcher
        }
        if printHits {
            for request in requests {
                var writer = JSONWriter()
                writer.strings(try searchers[0].search(request).hits.map(\.post.id))
                print(writer.string)
            }
            return
        }
        for request in requests { _ = try searchers[0].search(request) }

        let total = requests.count * passes
        var latencies = [Double](repeating: 0, count: total)
        var hits = [Int](repeating: 0, count: threads)
        let failure = FailureBox()
        let start = Date()
        latencies.withUnsafeMutableBufferPointer { latencyBuffer in
            let latencyPointer = UnsafeSendable(latencyBuffer)
            hits.withUnsafeMutableBufferPointer { hitBuffer in
                let hitPointer = UnsafeSendable(hitBuffer)
                let shared = UnsafeSendable((searchers, requests))
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    let (searchers, requests) = shared.value
                    var index = thread
                    while index < total {
                        let began = DispatchTime.now().uptimeNanoseconds
                        do {
                            hitPointer.value[thread] += try searchers[thread].search(requests[index % requests.count]).hits.count
                        } catch {
                            failure.record(error)
                        }
                        latencyPointer.value[index] = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6
                        index += threads
                    }
                }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        if let error = failure.error { throw error }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("queries"); writer.int(total)
        writer.key("threads"); writer.int(threads)
        writer.key("seconds"); writer.double(seconds, decimals: 3)
        writer.key("qps"); writer.double(Double(total) / seconds, decimals: 1)
        writer.key("latency_ms")
        writer.beginObject()
        writer.key("p50"); writer.double(percentile(0.5), decimals: 3)
        writer.key("p90"); writer.double(percentile(0.9), decimals: 3)
        writer.key("p95"); writer.double(percentile(0.95), decimals: 3)
        writer.key("p99"); writer.double(percentile(0.99), decimals: 3)
        writer.key("max"); writer.double(latencies.last ?? 0, decimals: 3)
        writer.endObject()
        writer.key("hits"); writer.int(hits.reduce(0, +))
        writer.endObject()
        print(writer.string)
    }
}

/// Lets worker threads share buffers they write at disjoint indexes (and handles used by one thread each).
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?
    func record(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
}
