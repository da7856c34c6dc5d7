import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import PostSearch

/// The loopback site of `Tests/Fixtures/live-site/server.py`: started per test, ended with it.
final class LoopbackSite {
    let process = Process()
    private let input = Pipe(), output = Pipe()
    let origin: String

    init(arguments: [String] = []) throws {
        let script = (Fixtures.repositoryRoot as NSString).appendingPathComponent("Tests/Fixtures/live-site/server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else { throw ImportFailure(file: script, reason: "no port") }
        origin = "http://127.0.0.1:\(port)"
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    func url(_ path: String) -> String { origin + path }

    @discardableResult
    func get(_ path: String) throws -> Data {
        let (data, _) = try fetch(URL(string: url(path))!)
        return data
    }

    func control(_ query: String) throws { try get("/__control?" + query) }

    /// The requests since the last call, and the most that were in flight at once.
    func requests() throws -> (paths: [String], agents: Set<String>, mostInFlight: Int) {
        let object = try JSONSerialization.jsonObject(with: try get("/__log?clear=1")) as! [String: Any]
        let requests = object["requests"] as! [[String: String]]
        return (requests.map { $0["path"]! }, Set(requests.map { $0["agent"]! }), object["most_in_flight"] as! Int)
    }

    private func fetch(_ url: URL) throws -> (Data, URLResponse?) {
        let done = DispatchSemaphore(value: 0)
        let box = FetchBox()
        URLSession.shared.dataTask(with: url) { data, response, error in
            box.value = (data ?? Data(), response, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = box.value.2 { throw error }
        return (box.value.0, box.value.1)
    }
}

private final class FetchBox: @unchecked Sendable { var value: (Data, URLResponse?, Error?) = (Data(), nil, nil) }

@Suite(.serialized) struct LiveSiteTests {
    /// Quick retries, so that faults cost the test seconds, not minutes; a timeout that holds
    /// on a machine busy with other tests (the slow page takes 25 s).
    static var live: LiveSiteOptions {
        var live = LiveSiteOptions()
        live.restPageSize = 2
        live.http.timeout = 20
        live.http.retries = 2
        live.http.backoff = 0.1
        return live
    }

    @Test func wordPressRESTFirstRunIncrementalRerunAndPrune() throws {
        let site = try LoopbackSite()
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let index = dir.file("index")
        let indexer = try Indexer(path: index)
        try site.control("action=fail&page=2&status=429")
        try site.control("action=fail&page=3&status=500")

        let first = try indexer.importSite(site.url("/rest/"), live: Self.live)
        #expect(first.liveSource == "WordPress REST API")
        #expect(first.added == 5 && first.failed == 0, "\(first.failures)")
        let log = try site.requests()
        let postRequests = log.paths.filter { $0.contains("/wp/v2/posts") }
        #expect(postRequests.filter { $0.contains("&page=2&") }.count == 2, "the 429 was retried: \(postRequests)")
        #expect(postRequests.filter { $0.contains("&page=3&") }.count == 2, "the 500 was retried")
        #expect(postRequests.allSatisfy { $0.contains("_embed=1") && $0.contains("per_page=2") })
        #expect(log.agents.allSatisfy { $0.hasPrefix("postsearch/\(PoliteHTTPClient.version)") })
        #expect(log.mostInFlight <= 4)
        #expect(try indexer.highWaterMark(of: site.url("/rest/")) == "2024-05-25T10:00:00")

        let searcher = try Searcher(path: index)
        let post = try #require(try searcher.post(id: "https://site.example/?p=101"))
        #expect(post.title == "Moving the archive to a new server")
        #expect(post.date?.description == "2024-01-11T09:31:00")
        #expect(post.authors == ["Ana Novak"] && post.categories == ["Hosting"] && post.tags == ["archive"])
        #expect(post.url == "https://site.example/2024/01/moving-the-archive-to-a-new-server/")
        #expect(post.image == "https://site.example/uploads/2024/01/cover-1.jpg")
        #expect(post.excerpt == "Post number 1 in short…")
        #expect(post.body.contains("a[i] = f[i,j]"), "code is not taken for shortcodes")
        #expect(post.blocks.map(\.kind) == [.h2, .p, .p])
        #expect(try searcher.post(id: "https://site.example/?p=103")?.fields == ["series": ["Behind the scenes"]])
        #expect(try searcher.post(id: "https://site.example/?p=103")?.title == "How we index posts – part one")

        // Nothing changed: one request, asking for what changed after the mark; no commit.
        let revision = try XapianDatabase(path: index).revision
        let quiet = try indexer.importSite(site.url("/rest/"), live: Self.live)
        #expect(quiet.added == 0 && quiet.updated == 0 && quiet.failed == 0)
        let quietRequests = try site.requests().paths.filter { $0.contains("/wp/v2/posts") }
        #expect(quietRequests.count == 1 && quietRequests[0].contains("modified_after=2024-05-25T10:00:00"), "\(quietRequests)")
        #expect(try XapianDatabase(path: index).revision == revision)

        // One post edited, one added: only they are fetched.
        try site.control("action=touch&id=102")
        try site.control("action=add")
        let changed = try indexer.importSite(site.url("/rest/"), live: Self.live)
        #expect(changed.updated == 1 && changed.added == 1 && changed.unchanged == 0)
        #expect(try Searcher(path: index).post(id: "https://site.example/?p=102")?.title.hasSuffix("(edited)") == true)

        // One post deleted on the site: --prune compares the ids the site lists.
        try site.control("action=delete&id=104")
        _ = try site.requests()
        let pruned = try indexer.importSite(site.url("/rest/"), live: Self.live, prune: true)
        #expect(pruned.removed == 1 && pruned.added == 0)
        #expect(try site.requests().paths.contains { $0.contains("_fields=id,guid,link") })
        #expect(try Searcher(path: index).post(id: "https://site.example/?p=104") == nil)
        #expect(try indexer.documentCount == 5)
        try indexer.close()
    }

    @Test func malformedJSONIsReportedAndTheImportGoesOn() throws {
        let site = try LoopbackSite()
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try site.control("action=malformed&page=2")
        let indexer = try Indexer(path: dir.file("index"))
        let report = try indexer.importSite(site.url("/rest/"), live: Self.live)
        #expect(report.added == 3, "pages 1 and 3")
        let failure = try #require(report.failures.first)
        #expect(report.failed == 1 && failure.file.contains("/rest/wp-json/wp/v2/posts") && failure.file.contains("&page=2&"))
        #expect(failure.reason.contains("JSON"))
        // The mark stays before the page that failed: the next run asks for it again.
        #expect(try indexer.highWaterMark(of: site.url("/rest/")) == "2024-02-22T10:00:00")
        try indexer.close()
    }

    @Test func aFeedLinkedFromTheHomePage() throws {
        let site = try LoopbackSite()
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let indexer = try Indexer(path: dir.file("index"))
        let first = try indexer.importSite(site.url("/feed-site/"), live: Self.live)
        #expect(first.liveSource == "feed \(site.url("/feed-site/feed/"))")
        #expect(first.added == 2 && first.failed == 0)
        let again = try indexer.importSite(site.url("/feed-site/"), live: Self.live, prune: true)
        #expect(again.added == 0 && again.updated == 0 && again.unchanged == 0, "entries older than the mark are passed over")
        #expect(again.warnings.contains { $0.reason.contains("--prune does not apply to a feed") })
        try indexer.close()
        let post = try #require(try Searcher(path: dir.file("index")).post(id: "feed-site-2"))
        #expect(post.date?.description == "2024-05-14T18:00:00+01:00" && post.language == "en-GB" && post.authors == ["Cy Dee"])
    }

    @Test func aSitemapWithRobotsASlowPageAndAPageThatIsNoPost() throws {
        let site = try LoopbackSite()
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let indexer = try Indexer(path: dir.file("index"))
        var live = Self.live
        live.http.retries = 0
        let first = try indexer.importSite(site.url("/sitemap-site/"), live: live)
        #expect(first.liveSource == "sitemap")
        #expect(first.added == 3)
        #expect(first.failures.map(\.file) == [site.url("/sitemap-site/slow.html")], "\(first.failures)")
        #expect(first.failures.first?.reason == "no answer within 20 s")
        #expect(first.notPosts.contains { $0.file.hasSuffix("/private/secret.html") && $0.reason.contains("robots.txt") })
        #expect(first.notPosts.contains { $0.file.hasSuffix("/about.html") && $0.reason.contains("no publication date") })
        let log = try site.requests()
        #expect(!log.paths.contains { $0.contains("secret") }, "robots.txt keeps postsearch out of /private/")
        let post = try #require(try Searcher(path: dir.file("index")).post(id: site.url("/sitemap-site/post-2.html")))
        #expect(post.title == "Sitemap post 2" && post.authors == ["Dora Eck"] && post.language == "de" && post.tags == ["karten"])
        #expect(post.body == "Sitemap post 2\n\nDer Text von Beitrag 2 über Karten.")

        // The rerun fetches the page that failed (it answers at once now), not those read.
        try site.control("action=slow&seconds=0")
        let rerun = try indexer.importSite(site.url("/sitemap-site/"), live: live)
        let again = try site.requests().paths
        #expect(again.contains("/sitemap-site/slow.html") && !again.contains("/sitemap-site/post-1.html"), "\(again)")
        #expect(rerun.added == 1 && rerun.failed == 0, "\(rerun.failures)")
        try indexer.close()
    }

    @Test func robotsRulesForPostsearchOrEveryone() {
        let rules = RobotsRules(text: "User-agent: *\nDisallow: /\n\nUser-agent: postsearch\nUser-agent: other\nDisallow: /private/\nAllow: /private/open$\nSitemap: https://x.example/s.xml\n")
        #expect(rules.allows(URL(string: "https://x.example/post.html")!))
        #expect(!rules.allows(URL(string: "https://x.example/private/a.html")!))
        #expect(rules.allows(URL(string: "https://x.example/private/open")!))
        #expect(rules.sitemaps == ["https://x.example/s.xml"])
        #expect(!RobotsRules(text: "User-agent: *\nDisallow: /*.pdf$\n").allows(URL(string: "https://x.example/a/b.pdf")!))
        #expect(RobotsRules(text: "User-agent: *\nDisallow:\n").allows(URL(string: "https://x.example/a")!))
    }

    /// A real `?_embed` answer (Polish company news), served with the paging headers it lacked.
    @Test func aRealEmbeddedRESTAnswer() throws {
        guard let shared = Fixtures.sharedDirectory else { print(Fixtures.sharedMissingMessage); return }
        let file = (shared as NSString).appendingPathComponent("corpora/wp-rest/impuls-pl-embed/posts-embed.json")
        let site = try LoopbackSite(arguments: ["--rest-file", file])
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let indexer = try Indexer(path: dir.file("index"))
        var live = Self.live
        live.restPageSize = 5
        let report = try indexer.importSite(site.url("/rest/"), live: live)
        print("REST (impuls-pl-embed): \(report.added) posts from \(report.files) documents in \(String(format: "%.2f", report.seconds)) s")
        #expect(report.added == 13 && report.failed == 0 && report.files == 3, "\(report.failures)")
        try indexer.close()
        let searcher = try Searcher(path: dir.file("index"))
        let post = try #require(try searcher.post(id: "http://impuls.pl/?p=20018"))
        #expect(post.authors == ["admin"])
        #expect(["Aktualności", "Porady"].contains(post.categories.first ?? ""))
        #expect(post.image?.hasPrefix("http") == true)
        #expect(!post.title.contains("&#"))
    }
}
