import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Yams
@testable import PostSearch

/// The real archives in ../shared/corpora: counts from its README, values checked against the
/// files themselves (read here with other parsers), and a second run that changes nothing.
@Suite(.serialized) struct RealArchiveTests {
    static var corpora: String? { Fixtures.sharedDirectory.map { ($0 as NSString).appendingPathComponent("corpora") } }

    func importAll(_ paths: [String], options: ImportOptions = ImportOptions()) throws -> (IndexReport, IndexReport, Searcher, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        let indexer = try Indexer(path: dir.file("index"))
        let first = try indexer.importArchive(paths, options: options)
        // Every file read again: unchanged posts are recognised by their content.
        let second = try indexer.importArchive(paths, options: options, reread: true)
        try indexer.close()
        return (first, second, try Searcher(path: dir.file("index")), dir)
    }

    @Test(arguments: [
        ("wxr/wordpress-theme-test-data", 117), ("wxr/a11y-theme-unit-test", 45), ("wxr/cc-labs-blog", 219),
        ("wxr/parchlinux-blog", 22),
        ("markdown/go-blog.tar.gz", 274), ("markdown/rust-blog.tar.gz", 750), ("markdown/ruby-lang-news.tar.gz", 1880),
        ("markdown/jekyll-posts.tar.gz", 102), ("markdown/nodejs-blog.tar.gz", 1049),
        ("markdown/kubernetes-contributor-blog.tar.gz", 69),
    ])
    func publishedPostCounts(set: String, posts: Int) throws {
        guard let corpora = Self.corpora else { print(Fixtures.sharedMissingMessage); return }
        let (first, second, _, dir) = try importAll([(corpora as NSString).appendingPathComponent(set)])
        defer { dir.cleanUp() }
        #expect(first.failed == 0, "\(first.failures.prefix(3))")
        #expect(first.added == posts, "\(set)")
        #expect(second.unchanged == posts && second.added == 0 && second.updated == 0, "a second run changes nothing")
    }

    /// Every published post of the theme test data, compared with the export read as a DOM.
    @Test func wxrFieldsMatchTheExport() throws {
        guard let corpora = Self.corpora else { print(Fixtures.sharedMissingMessage); return }
        let file = (corpora as NSString).appendingPathComponent("wxr/wordpress-theme-test-data/themeunittestdata.wordpress.xml")
        let (_, _, searcher, dir) = try importAll([file])
        defer { dir.cleanUp() }
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: file), options: [])
        let authors = Dictionary(try document.nodes(forXPath: "//*[local-name()='author']").compactMap { node -> (String, String)? in
            guard let login = try node.nodes(forXPath: "*[local-name()='author_login']").first?.stringValue,
                  let name = try node.nodes(forXPath: "*[local-name()='author_display_name']").first?.stringValue else { return nil }
            return (login, name)
        }, uniquingKeysWith: { a, _ in a })
        var checked = 0, seenGUIDs: Set<String> = []
        for item in try document.nodes(forXPath: "//item") {
            func value(_ name: String) throws -> String? { try item.nodes(forXPath: "*[local-name()='\(name)']").first?.stringValue }
            guard try value("post_type") == "post", try value("status") == "publish", let guid = try value("guid") else { continue }
            // Repeated guids get another id; compare the first of each.
            guard seenGUIDs.insert(guid).inserted else { continue }
            let post = try #require(try searcher.post(id: guid), "\(guid)")
            let categories = try item.nodes(forXPath: "category[@domain='category']").compactMap(\.stringValue)
            let tags = try item.nodes(forXPath: "category[@domain='post_tag']").compactMap(\.stringValue)
            #expect(post.categories == categories.map { HTMLText.plainText($0) }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
            #expect(post.tags == tags.map { HTMLText.plainText($0) }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
            let login = try value("creator") ?? ""
            #expect(post.authors == [authors[login] ?? login])
            #expect(post.date?.sortKey == (try value("post_date")).map { $0.replacingOccurrences(of: " ", with: "T") })
            checked += 1
        }
        #expect(checked >= 50)
        // The post with 65 categories counts all of them in the facet.
        var request = SearchRequest()
        request.facets = [.category]
        request.facetLimit = 0
        let counts = try searcher.search(request).facetValues(.category) ?? []
        #expect(counts.count >= 65)
    }

    /// Markdown front matter, compared with Yams reading the same files out of the tarball.
    @Test func markdownFieldsMatchTheFiles() throws {
        guard let corpora = Self.corpora else { print(Fixtures.sharedMissingMessage); return }
        let archive = (corpora as NSString).appendingPathComponent("markdown/jekyll-posts.tar.gz")
        let (_, _, searcher, dir) = try importAll([archive])
        defer { dir.cleanUp() }
        var checked = 0
        try TarReader.read(archive) { name, data in
            let text = String(decoding: data, as: UTF8.self)
            let parts = text.components(separatedBy: "\n---\n")
            guard text.hasPrefix("---\n"), parts.count > 1,
                  let yaml = try Yams.load(yaml: String(parts[0].dropFirst(4))) as? [String: Any] else { return }
            let post = try #require(try searcher.post(id: name), "\(name)")
            if let title = yaml["title"] as? String { #expect(post.title == title) }
            if let author = yaml["author"] as? String { #expect(post.authors == [author]) }
            // The front matter's date as written (its day, in its own offset), else the file name's.
            let written = parts[0].split(separator: "\n").first { $0.hasPrefix("date:") }
                .map { $0.dropFirst(5).trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }
            let expectedDay = written.flatMap { PostDate.loose($0)?.dayString } ?? String((name as NSString).lastPathComponent.prefix(10))
            #expect(post.date?.dayString == expectedDay, "\(name)")
            checked += 1
        }
        #expect(checked == 102)
        // Dates missing from the front matter come from the file name (ruby-lang: about 580 files).
        let ruby = (corpora as NSString).appendingPathComponent("markdown/ruby-lang-news.tar.gz")
        let (report, _, rubySearcher, rubyDir) = try importAll([ruby])
        defer { rubyDir.cleanUp() }
        #expect(report.added == 1880)
        var request = SearchRequest()
        request.facets = [.year]
        #expect(try rubySearcher.search(request).facetValues(.year)?.contains { $0.value == "unknown" } == false, "every post has a date")
        #expect(try rubySearcher.search(SearchRequest(query: "lang:ja")).total == 510)
    }

    @Test func brokenExportsAreReportedWithLineAndTheRestGoesOn() throws {
        guard let corpora = Self.corpora else { print(Fixtures.sharedMissingMessage); return }
        let folder = (corpora as NSString).appendingPathComponent("wxr/wordpress-importer-fixtures")
        let (report, _, _, dir) = try importAll([folder])
        defer { dir.cleanUp() }
        let broken = report.failures.filter { $0.reason.contains("XML") }.map { ($0.file as NSString).lastPathComponent }
        #expect(Set(broken) == ["crazy-cdata.xml", "malformed.xml", "malformed-simple.xml"])
        #expect(report.failures.allSatisfy { $0.line != nil })
        #expect(report.added >= 20)
    }
}

/// Importer behaviour on small fixtures written here.
@Suite struct ArchiveFormatTests {
    @Test func htmlBecomesPlainText() {
        let html = """
        <!-- wp:paragraph --><p>First &amp; <strong>bold</strong> paragraph&hellip;</p><!-- /wp:paragraph -->
        <script>alert("no")</script><style>p{}</style>[gallery ids="1,2"]<p>Second [caption id="x"]Kept text[/caption] line &#8212; &#x263A;</p>
        """
        #expect(HTMLText.plainText(html) == "First & bold paragraph…\n\nSecond Kept text line — ☺")
    }

    @Test func frontMatterInYAMLAndTOML() throws {
        let yaml = """
        ---
        title: "Hello: world"
        date: 2023-01-01 00:30:00 +0100
        by:
        - Ann
        - Bo
        categories: [release, news]
        tags: one
        lang: de
        ---
        # Ignored heading
        Body with **bold** and a [link](https://x.org) and \\<escaped>.
        """
        guard case .post(let post, let warnings) = try MarkdownImporter.parse(yaml, id: "a.md", file: "a.md", options: ImportOptions()) else {
            Issue.record("not a post"); return
        }
        #expect(warnings.isEmpty)
        #expect(post.title == "Hello: world")
        #expect(post.date?.dayString == "2023-01-01", "the day as written, in its own offset")
        #expect(post.authors == ["Ann", "Bo"] && post.categories == ["release", "news"] && post.tags == ["one"])
        #expect(post.language == "de")
        #expect(post.body.contains("Body with bold and a link and <escaped>."))

        let toml = """
        +++
        path = "inside-rust/2020/07/27/1.45.1-prerelease"
        title = "1.45.1 prerelease testing"
        authors = ["Mark Rousskov"]

        [extra]
        team = "Release"
        +++

        Text.
        """
        guard case .post(let rust, _) = try MarkdownImporter.parse(toml, id: "x/index.md", file: "x", options: ImportOptions()) else {
            Issue.record("not a post"); return
        }
        #expect(rust.date?.description == "2020-07-27")
        #expect(rust.authors == ["Mark Rousskov"])
    }

    @Test func notPostsAndDates() throws {
        let options = ImportOptions()
        func outcome(_ text: String, _ id: String) throws -> MarkdownImporter.Outcome {
            try MarkdownImporter.parse(text, id: id, file: id, options: options)
        }
        guard case .notAPost(let redirect) = try outcome("---\nredirect: /blog/x\n---\n", "x.md") else { Issue.record("redirect"); return }
        #expect(redirect.contains("redirect"))
        guard case .notAPost = try outcome("---\ntitle: Blog\ntemplate: true\n---\nlist", "index.md") else { Issue.record("index"); return }
        guard case .notAPost = try outcome("---\ntitle: Section\n---\n", "blog/_index.md") else { Issue.record("section"); return }
        guard case .notAPost = try outcome("------\ntitle: Draft\ndate: 2024-01-01\ndraft: yes\n------\nbody", "d.md") else { Issue.record("draft"); return }
        var drafts = ImportOptions()
        drafts.includeDrafts = true
        guard case .post = try MarkdownImporter.parse("---\ntitle: D\ndate: 2024-01-01\ndraft: true\n---\nb", id: "d.md", file: "d.md", options: drafts) else {
            Issue.record("drafts on request"); return
        }
        guard case .post(let dated, let warnings) = try outcome("---\ntitle: X\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nb", "2023-01-29-x.markdown") else {
            Issue.record("fallback date"); return
        }
        #expect(dated.date?.dayString == "2023-01-29")
        #expect(warnings.first?.contains("unreadable date") == true)
    }

    @Test func tarGzArchivesPruneAndDelete() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("site/2021-05-01-first.md", "---\ntitle: First\n---\nAlpha text.")
        try dir.write("site/2021-05-02-second.md", "---\ntitle: Second\n---\nBeta text.")
        try dir.write("site/posts.jsonl", "{\"id\": \"j1\", \"title\": \"Json\", \"body\": \"gamma\"}\n")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-czf", dir.file("site.tar.gz"), "-C", dir.path, "site"]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)

        let indexer = try Indexer(path: dir.file("index"))
        let fromTar = try indexer.importArchive([dir.file("site.tar.gz")])
        #expect(fromTar.added == 3 && fromTar.failed == 0)
        // The folder itself, then again with a file gone and --prune.
        let fromFolder = try indexer.importArchive([dir.file("site")])
        #expect(fromFolder.added == 2 && fromFolder.unchanged == 1, "j1 has the same id and content in both")
        try FileManager.default.removeItem(atPath: dir.file("site/2021-05-02-second.md"))
        let pruned = try indexer.importArchive([dir.file("site")], prune: true)
        #expect(pruned.removed == 1 && pruned.unchanged == 2)
        #expect(try indexer.delete(id: "j1"))
        #expect(try !indexer.delete(id: "j1"))
        try indexer.close()
        let searcher = try Searcher(path: dir.file("index"))
        #expect(try searcher.documentCount == 3, "2 from the archive (ids are archive paths) + 1 left in the folder")
        #expect(try searcher.post(id: "2021-05-02-second.md") == nil)
        #expect(try searcher.post(id: "site/2021-05-02-second.md") != nil, "the archive's copy is untouched by the folder's prune")
    }
}
