import Foundation
import Testing
@testable import PostSearch

/// Fields an archive brings of its own: WordPress taxonomies and `--field` front-matter keys are
/// rows of the index's schema, searchable (`series:…`), filterable and countable.
@Suite struct CustomFieldTests {
    static let export = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
         xmlns:wp="http://wordpress.org/export/1.2/">
    <channel><title>Blog</title><language>en</language><wp:wxr_version>1.2</wp:wxr_version>
    <item><title>Ownership explained</title><guid>p1</guid><wp:post_date>2024-01-02 10:00:00</wp:post_date>
      <wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
      <category domain="series" nicename="learning-rust"><![CDATA[Learning Rust]]></category>
      <category domain="post-mood" nicename="calm"><![CDATA[Calm]]></category>
      <content:encoded><![CDATA[<p>Borrowing and ownership, step by step.</p>]]></content:encoded></item>
    <item><title>Lifetimes</title><guid>p2</guid><wp:post_date>2024-02-02 10:00:00</wp:post_date>
      <wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
      <category domain="series" nicename="learning-rust"><![CDATA[Learning Rust]]></category>
      <content:encoded><![CDATA[<p>Lifetimes tie borrowing to scopes.</p>]]></content:encoded></item>
    <item><title>Gardening notes</title><guid>p3</guid><wp:post_date>2024-03-02 10:00:00</wp:post_date>
      <wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
      <category domain="series" nicename="garden"><![CDATA[Garden Diary]]></category>
      <content:encoded><![CDATA[<p>Tomatoes and ownership of a small plot.</p>]]></content:encoded></item>
    </channel></rss>
    """

    @Test func taxonomiesAndFrontMatterKeysAreSearchableFilterableAndCounted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let export = try dir.write("export.xml", Self.export)
        let markdown = try dir.write("posts/2024-04-01-borrow.md", "---\ntitle: Borrow checker\nseries: Learning Rust\nmood: curious\n---\nThe borrow checker and ownership.\n")
        let indexer = try Indexer(path: dir.file("index"))
        _ = try indexer.importArchive([export, dir.file("posts")], options: ImportOptions(fields: ["series"]))
        try indexer.close()
        let searcher = try Searcher(path: dir.file("index"))
        #expect(searcher.schema.customNames.sorted() == ["post_mood", "series"], "WordPress's post-mood is post_mood; mood was not asked for")
        _ = markdown

        func ids(_ configure: (inout SearchRequest) -> Void) throws -> [String] {
            var request = SearchRequest()
            configure(&request)
            return try searcher.search(request).hits.map(\.post.id).sorted()
        }
        #expect(try ids { $0.filters["series"] = ["learning rust"] }.count == 3, "two WordPress posts and the Markdown one")
        #expect(try ids { $0.query = "series:\"Learning Rust\"" }.count == 3, "the field syntax selects what the filter selects")
        #expect(try ids { $0.query = "series:garden" } == ["p3"], "no exact value: the words of the field")
        #expect(try ids { $0.query = "ownership"; $0.filters["series"] = ["Garden Diary"] } == ["p3"])
        var counted = SearchRequest()
        counted.facets = [Facet("series")]
        let values = try searcher.search(counted).facetValues(Facet("series"))
        #expect(values?.map(\.value) == ["Learning Rust", "Garden Diary"] && values?.map(\.count) == [3, 1])
        var unknown = SearchRequest()
        unknown.filters["colour"] = ["red"]
        #expect(throws: PostSearchError.self) { try searcher.search(unknown) }
        let hit = try #require(try searcher.search(SearchRequest(query: "lifetimes")).hits.first)
        #expect(hit.post.fields["series"] == ["Learning Rust"])
        #expect(try searcher.search(SearchRequest(query: "lifetimes")).json.contains(#""fields":{"series":["Learning Rust"]}"#))
        #expect(try IndexStats(searcher: searcher).fields.sorted() == ["post_mood", "series"])
        // The custom field's query-string parameter and facet, as the server reads them.
        let request = try SearchRequest(queryString: "series=Garden+Diary&facets=series", customFields: searcher.schema.customNames)
        #expect(try searcher.search(request).hits.map(\.post.id) == ["p3"])
        #expect(throws: PostSearchError.self) { try SearchRequest(queryString: "series=x") }
    }

    @Test func fieldNamesAreChecked() {
        #expect(CustomFields.problem(with: "series") == nil)
        #expect(CustomFields.problem(with: "date") != nil, "a name postsearch uses")
        #expect(CustomFields.problem(with: "limit") != nil, "a /search parameter")
        #expect(CustomFields.problem(with: "2nd") != nil)
        #expect(CustomFields.normalized("Post-Series") == "post_series")
    }
}
