import Foundation
import Testing
@testable import PostSearch

/// The posts importing used to lose or mangle (issue #17), each on a fixture written here.
@Suite struct ImportFixesTests {
    func markdown(_ source: String, name: String = "post.md", options: ImportOptions = ImportOptions()) throws -> (Post, [String]) {
        guard case .post(let post, let warnings) = try MarkdownImporter.parse(source, id: name, file: name, options: options) else {
            Issue.record("not read as a post")
            throw ImportFailure(file: name, reason: "not a post")
        }
        return (post, warnings)
    }

    @Test func tomlQuotedDateTimesAreRead() throws {
        let (post, warnings) = try markdown("+++\ntitle = \"Hugo\"\ndate = \"2018-07-24T06:48:19+02:00\"\n+++\nBody\n")
        #expect(post.date?.description == "2018-07-24T06:48:19+02:00")
        #expect(warnings.isEmpty)
        // A bare date-time that toml++ would abort on is still refused.
        #expect(throws: ImportFailure.self) {
            _ = try MarkdownImporter.parse("+++\ndate = 2021-06-19T\"10:00:00Z\n+++\nx\n", id: "b.md", file: "b.md", options: ImportOptions())
        }
        // A string holding what looks like a broken date-time is only a string.
        let (odd, _) = try markdown("+++\ntitle = \"2021-06-19T nothing\"\ndate = 2021-06-19\n+++\nx\n")
        #expect(odd.title == "2021-06-19T nothing")
    }

    @Test func zolaTaxonomiesGiveAuthorsCategoriesTagsAndFields() throws {
        let source = """
        +++
        title = "Zola post"
        date = 2020-05-01
        [taxonomies]
        authors = ["Ana Novak", "Bo"]
        categories = ["Releases"]
        tags = ["rust", "web"]
        series = ["Getting started"]
        +++
        Text
        """
        let (post, _) = try markdown(source)
        #expect(post.authors == ["Ana Novak", "Bo"])
        #expect(post.categories == ["Releases"])
        #expect(post.tags == ["rust", "web"])
        #expect(post.fields == ["series": ["Getting started"]])
    }

    @Test func jekyllOneDigitMonthsDaysAndHours() throws {
        let (fromName, _) = try markdown("---\ntitle: T\n---\nBody\n", name: "_posts/2019-1-7-slug.md")
        #expect(fromName.date?.description == "2019-01-07")
        let (twoDigits, _) = try markdown("---\ntitle: T\n---\nBody\n", name: "2019-11-17-slug.md")
        #expect(twoDigits.date?.description == "2019-11-17")
        #expect(MarkdownImporter.dateInName("2019-1-7x.md") == nil)
        let (hour, warnings) = try markdown("---\ntitle: T\ndate: 2013-11-22 5:00:00 +0000\n---\nBody\n")
        #expect(hour.date?.description == "2013-11-22T05:00:00+00:00")
        #expect(warnings.isEmpty)
    }

    /// Pelican's metadata opens with `---` and ends at a blank line: Ink used to read past the
    /// end of such a text and stop the process.
    @Test func anUnclosedMetadataFenceDoesNotStopTheImport() throws {
        let (post, _) = try markdown("---\ntitle: Integrando: método\ndate: 2012-03-16T19:25:50+00:00\n\nCuerpo del texto.\n",
                                     name: "2012-03-16-leapfrog.md")
        #expect(post.body.hasSuffix("Cuerpo del texto."))
        #expect(post.date?.dayString == "2012-03-16")
    }

    @Test func onlyRegisteredOrClosedShortcodesAreRemoved() {
        let html = "<p>Sum a[i] over f[i,j] and b[k] [gallery ids=\"1,2\"]</p><p>[php]echo $x[0];[/php] [video src=\"v.mp4\"] [note]kept[/note] [/x]</p>"
        #expect(HTMLText.plainText(html) == "Sum a[i] over f[i,j] and b[k]\n\necho $x[0]; kept [/x]")
    }

    @Test func duplicateIdsFromTwoFilesAreReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let line = #"{"id": "same", "title": "%@", "body": "text"}"#
        try dir.write("archive/a.jsonl", line.replacingOccurrences(of: "%@", with: "First") + "\n")
        try dir.write("archive/b.jsonl", line.replacingOccurrences(of: "%@", with: "Second") + "\n")
        let indexer = try Indexer(path: dir.file("index"))
        let report = try indexer.importArchive([dir.file("archive")])
        try indexer.close()
        let warning = try #require(report.warnings.first { $0.reason.contains("\"same\"") })
        #expect(warning.file.hasSuffix("b.jsonl"))
        #expect(warning.reason.contains("a.jsonl"))
        #expect(try Searcher(path: dir.file("index")).post(id: "same")?.title == "Second")
    }

    @Test func wxrKeepsCustomTaxonomiesExcerptsAndFeaturedImages() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let file = try dir.write("export.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel><title>Site</title>
        <item><title>Post</title><link>https://s.example/post</link><guid>https://s.example/?p=1</guid>
          <dc:creator>ana</dc:creator><content:encoded><![CDATA[<h2>Intro</h2><p>First [a] paragraph.</p>]]></content:encoded>
          <excerpt:encoded><![CDATA[<p>Short &amp; sweet</p>]]></excerpt:encoded>
          <wp:post_id>1</wp:post_id><wp:post_date>2021-06-19 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
          <category domain="category" nicename="news"><![CDATA[News]]></category>
          <category domain="series" nicename="basics"><![CDATA[Basics]]></category>
          <category domain="mentions" nicename="bo"><![CDATA[Bo]]></category>
          <category domain="mentions" nicename="cy"><![CDATA[Cy]]></category>
          <category domain="post_format" nicename="post-format-aside"><![CDATA[Aside]]></category>
          <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>7</wp:meta_value></wp:postmeta>
        </item>
        <item><title>photo</title><guid>https://s.example/photo.jpg</guid><wp:post_id>7</wp:post_id><wp:post_type>attachment</wp:post_type>
          <wp:status>inherit</wp:status><wp:attachment_url>https://s.example/uploads/photo.jpg</wp:attachment_url></item>
        </channel></rss>
        """)
        var posts: [Post] = []
        try WXRImporter.read(file: file, options: ImportOptions()) { result, _ in posts.append(try result.get()) }
        let post = try #require(posts.first)
        #expect(posts.count == 1)
        #expect(post.categories == ["News"])
        #expect(post.fields == ["series": ["Basics"], "mentions": ["Bo", "Cy"]])
        #expect(post.excerpt == "Short & sweet")
        #expect(post.image == "https://s.example/uploads/photo.jpg")
        #expect(post.body == "Intro\n\nFirst [a] paragraph.")
        #expect(post.blocks == [PostBlock(kind: .h2, start: 0, end: 5), PostBlock(kind: .p, start: 7, end: 27)])
    }
}

/// The body's blocks: where headings, paragraphs, list items, code and quotes lie in the text.
@Suite struct BodyBlockTests {
    func slices(_ html: String) -> [String] {
        let (text, blocks) = HTMLText.plainTextAndBlocks(html)
        let units = Array(text.utf16)
        return blocks.map { "\($0.kind.rawValue):" + String(decoding: units[$0.start..<$0.end], as: UTF16.self) }
    }

    @Test func blocksSliceTheBodyInUTF16() {
        let html = "<h1>Título 🚀</h1>\n<p>Première <b>ligne</b></p><ul><li>un</li><li><p>deux</p></li></ul><pre><code>let x = 1\nlet y</code></pre><blockquote><p>cité</p></blockquote><p></p><div>loose</div>"
        #expect(slices(html) == ["h1:Título 🚀", "p:Première ligne", "li:un", "li:deux", "p:deux", "pre:let x = 1\nlet y",
                                 "blockquote:cité", "p:cité"])
    }

    @Test func unclosedParagraphsEndWhereTheNextBlockStarts() {
        #expect(slices("<p>one<p>two<h2>three</h2>") == ["p:one", "p:two", "h2:three"])
    }

    /// The text is exactly `plainText`'s, whatever the markup (the body stays as it was).
    @Test(arguments: [
        "<p>a</p>", "<p>  </p><p>x</p>\n\n\n<p>y</p>", "<li>", "</p>text<h2>", "<p>a<br>b</p>", "plain\n\n\n  text  ",
        "<pre>  indented\n\n\n code </pre>", "[caption]<p>x</p>[/caption]", "<p>\u{F0001}odd\u{F0011}</p>", "<h3></h3><h3> </h3>",
        "<p>&lt;p&gt; literal</p>", "<table><tr><td>a</td><td>b</td></tr></table>",
    ])
    func textIsUnchanged(html: String) {
        let (text, blocks) = HTMLText.plainTextAndBlocks(html)
        let plain = HTMLText.plainText(html)
        if html.unicodeScalars.contains(where: BlockMarkers.isMarker) {
            #expect(text == plain.unicodeScalars.filter { !BlockMarkers.isMarker($0) }.map(String.init).joined())
        } else {
            #expect(text == plain)
        }
        #expect(blocks.allSatisfy { $0.start < $0.end && $0.end <= text.utf16.count })
    }

    @Test func markdownGetsBlocks() throws {
        let (text, blocks) = MarkdownImporter.plainTextAndBlocks(of: "# Title\n\nSome *text*.\n\n- one\n- two\n")
        #expect(text == MarkdownImporter.plainText(of: "# Title\n\nSome *text*.\n\n- one\n- two\n"))
        #expect(blocks.map(\.kind) == [.h1, .p, .li, .li])
    }
}
