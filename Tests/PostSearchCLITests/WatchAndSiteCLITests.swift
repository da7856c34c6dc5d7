import Foundation
import Testing

/// `postsearch index --watch` as a person runs it: a summary per run, Ctrl-C ends it cleanly.
@Suite(.serialized) struct WatchAndSiteCLITests {
    /// Lines the process prints, as they come.
    final class Lines: @unchecked Sendable {
        private let condition = NSCondition()
        private var buffer = ""
        func append(_ data: Data) { condition.withLock { buffer += String(decoding: data, as: UTF8.self); condition.broadcast() } }
        var text: String { condition.withLock { buffer } }
        /// Waits until `text` holds `count` occurrences of `needle`.
        func wait(for needle: String, count: Int, timeout: Double) -> Bool {
            condition.withLock {
                let deadline = Date().addingTimeInterval(timeout)
                while buffer.components(separatedBy: needle).count - 1 < count, condition.wait(until: deadline) {}
                return buffer.components(separatedBy: needle).count - 1 >= count
            }
        }
    }

    @Test func watchIndexesNewFilesAndStopsCleanlyOnSIGINT() throws {
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let site = (root as NSString).appendingPathComponent("site"), index = (root as NSString).appendingPathComponent("index")
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try "---\ntitle: First\n---\nOne.\n".write(toFile: site + "/2024-01-01-first.md", atomically: true, encoding: .utf8)

        guard let binary = CLI.binary else { Issue.record("the postsearch binary was not built"); return }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["index", site, "--index", index, "--watch", "--json"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let lines = Lines()
        out.fileHandleForReading.readabilityHandler = { handle in lines.append(handle.availableData) }
        try process.run()
        #expect(lines.wait(for: "\"total_posts\":1", count: 1, timeout: 30), "\(lines.text)")

        let written = Date()
        try "---\ntitle: Second\n---\nTwo.\n".write(toFile: site + "/2024-01-02-second.md", atomically: true, encoding: .utf8)
        #expect(lines.wait(for: "\"total_posts\":2", count: 1, timeout: 2.5), "re-indexed within 2 s: \(lines.text)")
        #expect(Date().timeIntervalSince(written) < 2.0)

        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        // The index was closed cleanly: another writer can open it at once, and it holds both posts.
        let search = try CLI.run(["search", "--index", index, "--json"])
        #expect(search.stdout.contains("\"total\":2"), "\(search.stdout)")
        #expect(try CLI.run(["delete", "2024-01-01-first.md", "--index", index]).status == 0)
    }

    @Test func siteOptionsAreChecked() throws {
        let watchSite = try CLI.run(["index", "https://blog.example/", "--watch"])
        #expect(watchSite.status == 2 && watchSite.stderr.contains("--watch") && watchSite.stderr.contains("follows files"), "\(watchSite.stderr)")
        let badSince = try CLI.run(["index", "https://blog.example/", "--since", "soon"])
        #expect(badSince.status == 2 && badSince.stderr.contains("--since"), "a bad value: \(badSince.stderr)")
    }
}
