import Foundation
import Testing
@testable import PostSearch

@Suite struct SeedTextImporterTests {
    @Test func readsTheUsersSeedPost() throws {
        guard let shared = Fixtures.sharedDirectory else {
            print(Fixtures.sharedMissingMessage); return
        }
        var posts: [Post] = []
        _ = try ArchiveReader().read([(shared as NSString).appendingPathComponent("seeds")]) { item in
            guard case .post(let imported) = item else { Issue.record("unexpected \(item)"); return }
            posts.append(imported.post)
        }
        #expect(posts.count == 1)
        let post = try #require(posts.first)
        #expect(post.id == "000_28836af4c0218740.txt")
        #expect(post.date?.description == "2021-06-19")
        #expect(post.authors == ["admin-iisg"])
        #expect(post.categories == ["Activities", "International event"])
        #expect(post.body.hasPrefix("The Ministry of Interior in Slovenia"))
        #expect(post.body.hasSuffix("6th Board Meeting of WB6 Partners."))
    }

    @Test func titleFromHeaderHashLineOrFileName() throws {
        let fromHeader = try SeedTextImporter.parse("- 01/02/2020\n- Title: Big news\n\nBody", id: "a.txt", file: "a.txt")
        #expect(fromHeader.title == "Big news")
        #expect(fromHeader.date?.description == "2020-02-01")
        let fromHash = try SeedTextImporter.parse("- 01/02/2020\n\n# Heading title\nBody text", id: "b.txt", file: "b.txt")
        #expect(fromHash.title == "Heading title")
        #expect(fromHash.body == "Body text")
        let fromName = try SeedTextImporter.parse("- 01/02/2020\n\nBody", id: "x/ministerial-meeting.txt", file: "x/ministerial-meeting.txt")
        #expect(fromName.title == "Ministerial meeting")
        let crlf = try SeedTextImporter.parse("- 05/03/2019\r\n- Posted by: A, B\r\n- Tags: x, y\r\n\r\nLine one\r\nLine two\r\n", id: "c", file: "c.txt")
        #expect(crlf.authors == ["A", "B"])
        #expect(crlf.tags == ["x", "y"])
        #expect(crlf.body == "Line one\nLine two")
    }

    @Test(arguments: ["31/02/2021", "00/00/0000", "12/13/2021", "19.06.2021"])
    func impossibleDatesNameFileAndLine(_ date: String) {
        do {
            _ = try SeedTextImporter.parse("- Posted by: x\n- \(date)\n\nBody", id: "p.txt", file: "archive/p.txt")
            Issue.record("accepted \(date)")
        } catch {
            #expect(error.file == "archive/p.txt")
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("archive/p.txt:2: "))
        }
    }
}

@Suite struct JSONLinesImporterTests {
    @Test func badLinesAreReportedAndTheRestIsRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let file = try dir.write("posts.jsonl", """
        {"id": "1", "title": "One", "date": "2021-06-19", "author": "Ann", "categories": ["A", "B"], "tags": "t", "body": "first", "lang": "en"}
        {"id": "2", "title": "Two", "date": "2021-06-19T10:00:00+02:00", "authors": ["Ann", "Bo"], "category": "A", "body": "second"}
        not json at all

        {"title": "no id"}
        {"id": "5", "date": "2021-02-31"}
        [1, 2, 3]
        {"id": 6, "title": "numeric id", "url": "https://example.org/6"}
        {"id": "7", "tags": [1, 2]}

        """)
        var posts: [Post] = []
        var failures: [ImportFailure] = []
        try JSONLinesImporter.read(file: file) { result, _ in
            switch result {
            case .success(let post): posts.append(post)
            case .failure(let failure): failures.append(failure)
            }
        }
        #expect(posts.map(\.id) == ["1", "2", "6"])
        #expect(posts[0].authors == ["Ann"] && posts[0].categories == ["A", "B"] && posts[0].tags == ["t"])
        #expect(posts[0].language == "en")
        #expect(posts[1].authors == ["Ann", "Bo"] && posts[1].categories == ["A"])
        #expect(posts[1].date?.description == "2021-06-19T10:00:00+02:00")
        #expect(posts[2].url == "https://example.org/6")
        #expect(failures.map(\.line) == [3, 5, 6, 7, 9])
        #expect(failures.allSatisfy { $0.file == file })
        #expect(failures[1].reason.contains("id"))
        #expect(failures[2].reason.contains("2021-02-31"))
    }

    @Test func archiveReaderWalksFoldersAndPicksImporters() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try dir.write("archive/2020/a.txt", "- 01/01/2020\n- Category: X\n\nalpha")
        try dir.write("archive/b.jsonl", "{\"id\": \"b1\", \"title\": \"B\"}\n{\"id\": \"b2\"}\n")
        try dir.write("archive/notes.pdf", "%PDF")
        try dir.write("archive/.hidden.txt", "- 01/01/2020\n\nhidden")
        var ids: [String] = []
        let counts = try ArchiveReader().read([dir.file("archive"), dir.file("missing")]) { item in
            if case .post(let imported) = item { ids.append(imported.post.id) }
        }
        #expect(ids == ["2020/a.txt", "b1", "b2"])
        #expect(counts.files == 2)
        #expect(counts.passedOver.count == 1)
    }
}
