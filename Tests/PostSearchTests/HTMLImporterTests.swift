import Foundation
import Testing
@testable import PostSearch

/// Web pages: the built Jekyll site of the shared corpora, and small pages written here.
@Suite struct HTMLImporterTests {
    static var site: String? {
        Fixtures.sharedDirectory.map { ($0 as NSString).appendingPathComponent("corpora/html/bedrock-tech-blog-fr-en.tar.gz") }
    }

    @Test func aBuiltStaticSite() throws {
        guard let site = Self.site else { print(Fixtures.sharedMissingMessage); return }
        var posts: [ArchiveReader.ImportedPost] = [], notPosts: [ImportFailure] = [], failures: [ImportFailure] = []
        let start = Date()
        _ = try ArchiveReader(options: ImportOptions()).read([site]) { item in
            switch item {
            case .post(let imported): posts.append(imported)
            case .notAPost(let reason): notPosts.append(reason)
            case .failure(let failure): failures.append(failure)
            case .missing(let path): failures.append(ImportFailure(file: path, reason: "missing"))
            case .warning: break
            }
        }
        print("bedrock: \(posts.count) posts, \(notPosts.count) not posts in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(posts.count == 309)
        #expect(notPosts.count == 56)
        let undated = posts.filter { $0.post.date == nil }, untitled = posts.filter { $0.post.title.isEmpty }
        let anonymous = posts.filter { $0.post.authors.isEmpty }
        #expect(undated.isEmpty && untitled.isEmpty, "\(undated.prefix(3).map(\.file)) \(untitled.prefix(3).map(\.file))")
        // A post without authors is one whose page names none anywhere (one such page, of 2012).
        var pagesWithoutAuthor: Set<String> = []
        try TarReader.read(site) { member, data in
            if String(decoding: data, as: UTF8.self).range(of: "author", options: .caseInsensitive) == nil { pagesWithoutAuthor.insert(member) }
        }
        #expect(Set(anonymous.map { String($0.file.split(separator: ":").last!) }) == pagesWithoutAuthor.filter { member in
            posts.contains { $0.file.hasSuffix(":" + member) } })
        #expect(anonymous.count <= 1, "\(anonymous.map(\.file))")
        #expect(notPosts.filter { $0.reason.contains("redirect") }.count == 18)
        // Listing pages: the home page and blog/page2 … page31.
        let listings = notPosts.filter { $0.file.contains("/blog/page") || $0.file.hasSuffix("com/index.html") }
        #expect(listings.count == 31, "\(listings.prefix(3))")
        #expect(Set(posts.map(\.post.id)).count == 309)

        let byFile = Dictionary(posts.map { (($0.file as NSString).lastPathComponent, $0.post) }, uniquingKeysWith: { first, _ in first })
        let ml = try #require(byFile["machine-learning-en-production.html"])
        #expect(ml.title == "Machine Learning en production")
        #expect(ml.date?.description == "2021-01-21T00:00:00+00:00")
        #expect(ml.authors == ["Nastasia Saby"])
        #expect(ml.url == "https://tech.bedrockstreaming.com/2021/01/21/machine-learning-en-production.html")
        #expect(ml.language == "en")
        #expect(ml.tags.contains("machine learning"))
        // Three authors shown only in the visible byline, names padded with white space.
        let vue = try #require(byFile["retour-vue-amsterdam-2023.html"])
        #expect(vue.authors == ["Pierre-Loup Perez", "Léo Penaguin", "Clément Berard"])
        #expect(!vue.body.contains("Pierre-Loup Perez"), "bylines are not body text")
        #expect(posts.allSatisfy { !$0.post.blocks.isEmpty || $0.post.body.isEmpty })
    }

    func parse(_ html: String, id: String = "blog/post.html", options: ImportOptions = ImportOptions()) throws -> HTMLImporter.Outcome {
        try HTMLImporter.parse(Data(html.utf8), id: id, file: id, options: options)
    }

    @Test func metadataFromMetaJSONLDAndTheText() throws {
        let html = """
        <!doctype html><html lang="sl"><head><title>Fallback | Site</title>
        <meta property="og:image" content="https://s.example/i.png"><meta name="description" content="A summary.">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
          {"@type":"BlogPosting","headline":"Graph headline","datePublished":"2022-03-04T05:06:07+01:00",
           "author":[{"@type":"Person","name":"Ana"},{"@type":"Person","name":"Bo"}],"keywords":"one, two"}]}</script>
        </head><body><nav><a href="/">Home</a></nav><main><article><header><h1>Heading</h1></header>
        <p>First <b>para</b>.</p><h2>Part</h2><ul><li>item</li></ul><div class="share-box">Share me</div>
        <footer>© me</footer></article></main><aside>Sidebar</aside></body></html>
        """
        guard case .post(let post, _) = try parse(html, options: ImportOptions(baseURL: "https://s.example")) else { Issue.record("not a post"); return }
        #expect(post.title == "Graph headline")
        #expect(post.date?.description == "2022-03-04T05:06:07+01:00")
        #expect(post.authors == ["Ana", "Bo"])
        #expect(post.tags == ["one", "two"])
        #expect(post.language == "sl")
        #expect(post.excerpt == "A summary.")
        #expect(post.image == "https://s.example/i.png")
        #expect(post.id == "https://s.example/blog/post.html" && post.url == post.id)
        #expect(post.body == "First para.\n\nPart\n\nitem")
        #expect(post.blocks.map(\.kind) == [.p, .h2, .li])
    }

    @Test func timeElementsAndBylines() throws {
        let html = """
        <html><head><title>Post title</title></head><body><article>
        <p class="byline">By <a rel="author" href="/u/cy">Cy Dee</a> on <time datetime="2019-1-7">7 Jan</time></p>
        <p>Text with <a href="/tags/rust" rel="tag">rust</a>.</p></article></body></html>
        """
        guard case .post(let post, _) = try parse(html) else { Issue.record("not a post"); return }
        #expect(post.title == "Post title")
        #expect(post.date?.description == "2019-01-07")
        #expect(post.authors == ["Cy Dee"])
        #expect(post.tags == ["rust"])
        #expect(post.id == "blog/post.html" && post.url == nil)
    }

    @Test func redirectsListingsAndUndatedPagesAreNotPosts() throws {
        let redirect = #"<html><head><meta http-equiv="refresh" content="0; url=/new.html"><meta property="article:published_time" content="2020-01-01"></head></html>"#
        let listing = """
        <html><head><link rel="next" href="/page/2/"></head><body>
        <article><time datetime="2020-01-01">x</time><a href="/a">A</a></article><article><time datetime="2020-01-02">y</time></article></body></html>
        """
        let undated = "<html><head><title>About</title></head><body><main><p>About us</p></main></body></html>"
        for (html, reason) in [(redirect, "redirect"), (listing, "listing"), (undated, "no publication date")] {
            guard case .notAPost(let why) = try parse(html) else { Issue.record("read as a post: \(reason)"); continue }
            #expect(why.contains(reason))
        }
        #expect(HTMLImporter.url(forPath: "blog.example/2021/a b.html", baseURL: "https://blog.example/") == "https://blog.example/2021/a%20b.html")
    }
}
