import Foundation
import Testing
@testable import PostSearch

/// RSS, Atom and Blogger exports, read from the shared corpora and a fixture written here.
@Suite struct FeedImporterTests {
    static let fixtures = (Fixtures.repositoryRoot as NSString).appendingPathComponent("Tests/Fixtures")
    static var feeds: String? { Fixtures.sharedDirectory.map { ($0 as NSString).appendingPathComponent("corpora/feeds") } }

    func read(_ paths: [String], options: ImportOptions = ImportOptions()) throws -> (posts: [Post], report: [ArchiveReader.Item]) {
        var posts: [Post] = [], other: [ArchiveReader.Item] = []
        _ = try ArchiveReader(options: options).read(paths) { item in
            if case .post(let imported) = item { posts.append(imported.post) } else { other.append(item) }
        }
        return (posts, other)
    }

    @Test func wordPressRSSFeed() throws {
        guard let feeds = Self.feeds else { print(Fixtures.sharedMissingMessage); return }
        let (posts, other) = try read([(feeds as NSString).appendingPathComponent("wordpress-rss2-norm2782-en.xml")])
        #expect(other.isEmpty, "\(other)")
        #expect(posts.count == 10)
        let first = try #require(posts.first)
        #expect(first.id == "http://www.norm2782.com/?p=114")
        #expect(first.title == "Wth… reading books?")
        #expect(first.date?.description == "2009-03-02T08:09:33+00:00")
        #expect(first.authors == ["norm2782"])
        #expect(first.categories == ["New Zealand", "Personal", "Programming", "Study"])
        #expect(first.url == "http://www.norm2782.com/2009/03/wth-reading-books/")
        #expect(first.language == "en")
        #expect(first.body.hasPrefix("Being in New Zealand does strange things to a person."))
        #expect(first.excerpt?.hasSuffix("[...]") == true)
        #expect(first.blocks.contains { $0.kind == .li })
        #expect(posts.allSatisfy { $0.date != nil && !$0.body.isEmpty })
        #expect(posts.map(\.date!.year).allSatisfy { $0 == 2009 })
    }

    @Test func jekyllAtomFeed() throws {
        guard let feeds = Self.feeds else { print(Fixtures.sharedMissingMessage); return }
        let (posts, other) = try read([(feeds as NSString).appendingPathComponent("jekyll-atom-bedrock-fr-en.xml")])
        #expect(other.isEmpty, "\(other)")
        #expect(posts.count == 10)
        let first = try #require(posts.first)
        #expect(first.id == "https://tech.bedrockstreaming.com/2026/02/06/web-homologation-as-app")
        #expect(first.url == "https://tech.bedrockstreaming.com/2026/02/06/web-homologation-as-app.html")
        #expect(first.date?.description == "2026-02-06T00:00:00+00:00")
        #expect(first.body.hasPrefix("At Bedrock Streaming, we create and operate"))
        #expect(first.excerpt != nil)
        // jekyll-feed writes the author list as one string of handles.
        #expect(posts.contains { $0.authors.count == 6 && $0.authors.contains("y_ferlin") })
        #expect(posts.allSatisfy { !$0.authors.isEmpty && !$0.categories.isEmpty && $0.date != nil })
    }

    @Test func bloggerExportKeepsPostsOnly() throws {
        let file = (Self.fixtures as NSString).appendingPathComponent("feeds/blogger-export.atom")
        let (posts, other) = try read([file])
        #expect(other.isEmpty, "\(other)")
        #expect(posts.map(\.title) == ["Spring samples & first results", "A note in XHTML"])
        let samples = posts[0]
        #expect(samples.id == "tag:blogger.com,1999:blog-1234567890.post-111")
        #expect(samples.date?.description == "2013-11-22T05:00:00+01:00")
        #expect(samples.categories == ["microscopy", "field work"])
        #expect(samples.authors == ["Marta Kos"])
        #expect(samples.image == "https://blogger.example/s72-c/river.jpg")
        #expect(samples.body == "Samples\n\nWe took twelve samples from the river.")
        #expect(samples.blocks.map(\.kind) == [.h2, .p])
        #expect(posts[1].body == "Plain xhtml body & more.\n\nSecond")
        #expect(posts[1].authors == ["Luka Bren"])
        let withDrafts = try read([file], options: ImportOptions(includeDrafts: true)).posts
        #expect(withDrafts.count == 3)
    }

    @Test func theRootElementChoosesTheReader() throws {
        #expect(FeedImporter.kind(ofXML: Data("<?xml version='1.0'?>\n<!-- c --><rss version=\"2.0\">".utf8)) == .feed(.rss))
        #expect(FeedImporter.kind(ofXML: Data("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">".utf8)) == .wordPressExport)
        #expect(FeedImporter.kind(ofXML: Data("<feed xmlns='http://www.w3.org/2005/Atom'>".utf8)) == .feed(.atom))
        #expect(FeedImporter.kind(ofXML: Data("<urlset>".utf8)) == .sitemap)
        #expect(PostDate.rfc822("Mon, 02 Mar 2009 08:09:33 +0000")?.description == "2009-03-02T08:09:33+00:00")
        #expect(PostDate.rfc822("2 Mar 09 08:09 PST")?.description == "2009-03-02T08:09:00-08:00")
        #expect(PostDate.rfc822("Mon, 31 Feb 2009 08:09:33 GMT") == nil)
        // An RSS feed saved with another extension, and hostile input behind the shared guards.
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("a.rss", "<rss><channel><item><title>T</title><guid>g1</guid><pubDate>Tue, 03 Mar 2009 10:00:00 +0100</pubDate><description>&lt;p&gt;Hi&lt;/p&gt;</description></item></channel></rss>")
        try dir.write("b.xml", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss><channel></channel></rss>")
        let (posts, other) = try read([dir.path])
        #expect(posts.map(\.body) == ["Hi"])
        #expect(posts.first?.date?.description == "2009-03-03T10:00:00+01:00")
        guard case .failure(let failure) = try #require(other.first) else { Issue.record("\(other)"); return }
        #expect(failure.file.hasSuffix("b.xml") && failure.reason.contains("entities"))
    }
}
