import Foundation
import Testing
@testable import PostSearch

/// Hostile files for every importer: hand-made attacks, then a seeded mutation loop over valid
/// samples. Each input goes through the real import path (`Indexer.importArchive`), which must
/// return (never throw, crash or hang), report every failure with the input's file name, and
/// leave an index that still opens.
///
/// `POSTSEARCH_FUZZ_ITERATIONS` sets the mutated inputs per format (default 150, the CI run;
/// `make fuzz` runs 5,000). A crash or hang leaves the input it was on in `fuzz-current.*` under
/// the temporary folder, whose path is printed first.
@Suite("Hostile files", .serialized)
struct ImporterFuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["POSTSEARCH_FUZZ_ITERATIONS"] ?? "") ?? 150
    /// An input that takes longer than this is a hang.
    static let hangSeconds = 30.0

    @Test("Hand-made attacks are refused or read, each failure naming its file", arguments: HostileInput.all)
    func handMade(input: HostileInput) throws {
        let run = try FuzzRun(name: input.name)
        defer { run.cleanUp() }
        let outcome = try run.importInput(input.bytes, extension: input.fileExtension)
        #expect(outcome.failures.allSatisfy { $0.file.hasSuffix("fuzz-current.\(input.fileExtension)") }, "\(outcome.failures)")
        if let reason = input.expectedFailure {
            #expect(outcome.failures.contains { $0.reason.contains(reason) }, "expected a failure saying \"\(reason)\", got \(outcome.failures)")
        }
        #expect(outcome.posts == input.expectedPosts, "\(outcome.failures)")
    }

    @Test("Mutated samples never crash, hang or throw", arguments: FuzzSample.all)
    func mutated(sample: FuzzSample) throws {
        let run = try FuzzRun(name: "mutate-\(sample.fileExtension)")
        defer { run.cleanUp() }
        var random = SeededRandom(seed: 0xF022 &+ UInt64(sample.seed))
        var posts = 0, failures = 0, slowest = 0.0
        for _ in 0..<Self.iterations {
            let input = Mutator.mutate(sample.bytes, tokens: sample.tokens, using: &random)
            let began = Date()
            let outcome = try run.importInput(input, extension: sample.fileExtension)
            slowest = max(slowest, Date().timeIntervalSince(began))
            posts += outcome.posts
            failures += outcome.failures.count
            #expect(outcome.failures.allSatisfy { $0.file.hasSuffix("fuzz-current.\(sample.fileExtension)") })
        }
        let remaining = try XapianDatabase(path: run.index).documentCount
        #expect(remaining >= 0)
        print("fuzz \(sample.fileExtension): \(Self.iterations) inputs, \(posts) posts, \(failures) failures reported, slowest \(String(format: "%.2f", slowest)) s")
    }
}

/// One temporary folder and index, a watchdog that turns a hang into a failure naming the input.
final class FuzzRun {
    let directory: TemporaryDirectory
    let index: String
    private let indexer: Indexer
    private let watchdog = DispatchQueue(label: "fuzz-watchdog")
    /// Bumped before and after each input; the watchdog compares it with the value it was armed with.
    private let generation = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
        var current: Int { lock.withLock { value } }
    }

    struct Outcome { var posts = 0; var failures: [ImportFailure] = [] }

    init(name: String) throws {
        directory = try TemporaryDirectory()
        index = directory.file("index")
        indexer = try Indexer(path: index, batchSize: 1_000)
        print("fuzz \(name): inputs under \(directory.path)")
    }

    func importInput(_ bytes: [UInt8], extension fileExtension: String) throws -> Outcome {
        let file = directory.file("fuzz-current.\(fileExtension)")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let mine = generation.next()
        let generation = generation
        watchdog.asyncAfter(deadline: .now() + ImporterFuzzTests.hangSeconds) {
            // Still on the same input: the importer hangs. Stop here, leaving the input on disk.
            if generation.current == mine { fatalError("importer hung for \(ImporterFuzzTests.hangSeconds) s on \(file)") }
        }
        defer { _ = generation.next() }
        let report = try indexer.importArchive([file])
        return Outcome(posts: report.added + report.updated + report.unchanged, failures: report.failures)
    }

    func cleanUp() {
        try? indexer.close()
        directory.cleanUp()
    }
}

/// A valid sample of one format and the tokens its mutations splice in.
struct FuzzSample: Sendable, CustomStringConvertible {
    let fileExtension: String
    let seed: Int
    let text: String
    let tokens: [String]
    var bytes: [UInt8] { Array(text.utf8) }
    var description: String { fileExtension }

    static let all = [
        FuzzSample(fileExtension: "txt", seed: 1, text: """
            Ministers meet in Geneva
            - 19/06/2021
            - Posted by: admin-iisg
            - Category: International event, News

            The ministers met on Saturday. Their statement follows.
            """, tokens: ["- ", "Posted by:", "Category:", "31/02/2021", "00/00/0000", "\n\n", ",", "\u{0}", "é"]),
        FuzzSample(fileExtension: "jsonl", seed: 2, text: """
            {"id":"a","title":"First","date":"2021-06-19","author":"Ana","categories":["x","y"],"tags":["t"],"body":"Hello there","url":"https://e.org/a","lang":"en"}
            {"id":"b","title":"Second","date":"2020-01-02T10:00:00+02:00","authors":["B","C"],"category":"z","body":"More text"}
            """, tokens: ["{", "}", "[", "]", "\"", ":", ",", "\\u0000", "\\ud800", "null", "0000-00-00", "1e999", "\n"]),
        FuzzSample(fileExtension: "xml", seed: 3, text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
            <channel><title>Blog</title><language>en</language>
            <wp:author><wp:author_login><![CDATA[ana]]></wp:author_login><wp:author_display_name><![CDATA[Ana Ž]]></wp:author_display_name></wp:author>
            <item><title>Hello &amp; welcome</title><link>https://e.org/?p=1</link><guid isPermaLink="false">https://e.org/?p=1</guid>
            <dc:creator><![CDATA[ana]]></dc:creator><content:encoded><![CDATA[<p>Some <b>bold</b> text [gallery]</p>]]></content:encoded>
            <wp:post_id>1</wp:post_id><wp:post_date><![CDATA[2021-06-19 10:00:00]]></wp:post_date><wp:status><![CDATA[publish]]></wp:status>
            <wp:post_type><![CDATA[post]]></wp:post_type><category domain="category" nicename="news"><![CDATA[News]]></category></item>
            </channel></rss>
            """, tokens: ["<item>", "</item>", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "&lol;", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "<", ">", "\"", "\u{0}"]),
        FuzzSample(fileExtension: "md", seed: 4, text: """
            ---
            title: "Hello: a post"
            date: 2021-06-19
            authors: [Ana, "Bo"]
            categories:
              - news
            tags: x, y
            ---
            # Heading

            Some *emphasis*, a [link](https://e.org) and `code`.

            > quote \\<path>
            """, tokens: ["---", "\n", ": ", "[", "]", "&a ", "*a", "- ", "{{", "}}", "{%", "\\", "`", "```", "> ", "*", "_", "<", "!["]),
        FuzzSample(fileExtension: "md", seed: 5, text: """
            +++
            title = "TOML post"
            date = 2021-06-19T10:00:00Z
            tags = ["a", "b"]
            [params]
            author = "Ana"
            +++
            Body with **bold** text.
            """, tokens: ["+++", "\n", " = ", "[", "]", "[[", "]]", "\"", "'''", "{", "}", "1979-05-27", "inf", "nan"]),
        FuzzSample(fileExtension: "html", seed: 6, text: """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page</title>
            <meta property="article:published_time" content="2021-06-19T10:00:00+02:00"><meta name="author" content="Ana">
            <script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2021-06-19","author":{"name":"Bo"},"keywords":"a, b"}</script>
            <link rel="canonical" href="https://e.org/p"></head><body><nav>Menu</nav><article><h1>Title</h1>
            <p class="byline"><a rel="author">Cy</a> <time datetime="2021-06-19">x</time></p><p>Text &amp; more</p><ul><li>one</li></ul></article></body></html>
            """, tokens: ["<", ">", "</", "<div>", "<article>", "<script>", "<!--", "-->", "&amp;", "&#0;", "\"", "{", "}", "<meta http-equiv=refresh>", "\u{0}"]),
        FuzzSample(fileExtension: "atom", seed: 7, text: """
            <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>T</title>
            <entry><id>tag:e.org,1:1</id><title type="html">A &amp;amp; B</title><published>2021-06-19T10:00:00Z</published>
            <author><name>Ana</name></author><category term="x"/><link rel="alternate" href="https://e.org/1"/>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One <b>two</b></p></div></content><summary>S</summary></entry></feed>
            """, tokens: ["<entry>", "</entry>", "<content type=\"xhtml\">", "</content>", "<![CDATA[", "]]>", "&amp;", "&#0;", "<", ">", "\"", "\u{0}"]),
        FuzzSample(fileExtension: "rss", seed: 8, text: """
            <?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
            <item><title>One</title><guid>g1</guid><pubDate>Sat, 19 Jun 2021 10:00:00 +0200</pubDate><author>a@e.org (Ana)</author>
            <category>News</category><description>Short</description><content:encoded><![CDATA[<p>Body [caption]x[/caption]</p>]]></content:encoded></item>
            </channel></rss>
            """, tokens: ["<item>", "</item>", "<pubDate>", "<![CDATA[", "]]>", "&amp;", "&#0;", "<", ">", "\"", ",", "+0200", "\u{0}"]),
    ]
}

/// A hand-made hostile input, with what must come of it.
struct HostileInput: Sendable, CustomStringConvertible {
    let name: String
    let fileExtension: String
    let bytes: [UInt8]
    let expectedPosts: Int
    let expectedFailure: String?
    var description: String { name }

    init(_ name: String, _ fileExtension: String, _ bytes: [UInt8], posts: Int, failure: String? = nil) {
        self.name = name
        self.fileExtension = fileExtension
        self.bytes = bytes
        expectedPosts = posts
        expectedFailure = failure
    }

    init(_ name: String, _ fileExtension: String, _ text: String, posts: Int, failure: String? = nil) {
        self.init(name, fileExtension, Array(text.utf8), posts: posts, failure: failure)
    }

    static let all: [HostileInput] = {
        let laughs = (1...9).map { level in
            "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }.joined(separator: "\n")
        let yamlBomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + (1...9).map { level in
            "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]"
        }.joined(separator: "\n")
        let bigWord = String(repeating: "x", count: 300)
        return [
            HostileInput("billion laughs (XML entities)", "xml", """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY lol0 "lol">
                \(laughs)
                ]>
                <rss><channel><item><title>&lol9;</title><guid>1</guid></item></channel></rss>
                """, posts: 0, failure: "billion laughs"),
            HostileInput("external entity", "xml", """
                <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <rss><channel><item><title>&x;</title></item></channel></rss>
                """, posts: 0, failure: "entities"),
            HostileInput("deeply nested XML", "xml", "<?xml version=\"1.0\"?><rss><channel>"
                + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000) + "</channel></rss>", posts: 0),
            HostileInput("truncated XML", "xml", "<?xml version=\"1.0\"?><rss><channel><item><title>Hi", posts: 0, failure: "ends before"),
            HostileInput("billion laughs (YAML aliases)", "md", "---\n\(yamlBomb)\ntitle: bomb\n---\nbody\n", posts: 0, failure: "refused"),
            HostileInput("deeply nested YAML", "md", "---\ntitle: " + String(repeating: "[", count: 100_000) + "\n---\nx\n", posts: 0, failure: "front matter"),
            HostileInput("deeply nested TOML", "md", "+++\ntitle = " + String(repeating: "[", count: 100_000) + "\n+++\nx\n", posts: 0, failure: "front matter"),
            HostileInput("HTML nested 100,000 deep", "html", "<html><head><meta property=\"article:published_time\" content=\"2021-06-19\"></head><body><article>"
                         + String(repeating: "<div>", count: 100_000) + "deep" + "</body></html>", posts: 1),
            HostileInput("an HTML page of NUL bytes", "html", String(repeating: "\u{0}", count: 1000), posts: 0),
            HostileInput("broken TOML date-time (toml++ asserts on it)", "md", "+++\ntitle = \"t\"\ndate = 2021-06-19T\"10:00:00Z\n+++\nx\n", posts: 0, failure: "date-time"),
            HostileInput("a TOML value that starts like none (toml++ asserts on it)", "md", "+++\ntitle = \"t\"\ntags = [}\"a\", \"b\"]\n+++\nx\n", posts: 0, failure: "malformed TOML"),
            HostileInput("a TOML header that opens three brackets (toml++ asserts on it)", "md", "+++\ntitle = \"t\"\n[[[params]\nauthor = \"Ana\"\n+++\nx\n", posts: 0, failure: "malformed TOML"),
            HostileInput("thousands of open brackets in Markdown", "md", "---\ntitle: t\ndate: 2021-01-01\n---\n"
                + String(repeating: "[", count: 50_000) + " words\n", posts: 1),
            HostileInput("unclosed brackets in one paragraph (Ink backtracks on each)", "md", "---\ntitle: t\ndate: 2021-01-01\n---\nSome "
                + String(repeating: "a [l, ", count: 27) + String(repeating: "word ", count: 20_000) + "\n", posts: 1),
            HostileInput("deep blockquotes and lists", "md", "---\ntitle: t\ndate: 2021-01-01\n---\n"
                + String(repeating: "> ", count: 20_000) + "x\n" + String(repeating: "- ", count: 20_000) + "y\n", posts: 1),
            HostileInput("deeply nested JSON", "jsonl", "{\"id\":\"x\",\"title\":" + String(repeating: "[", count: 100_000) + "}\n", posts: 0, failure: "invalid JSON"),
            HostileInput("invalid UTF-8 in JSON Lines", "jsonl", Array("{\"id\":\"a\",\"title\":\"".utf8) + [0xC3, 0x28, 0xFF] + Array("\",\"body\":\"b\"}\n{\"id\":\"b\",\"body\":\"ok\"}\n".utf8), posts: 1, failure: "invalid JSON"),
            HostileInput("NUL bytes everywhere", "jsonl", Array("{\"id\":\"a\\u0000b\",\"title\":\"t\\u0000\",\"body\":\"x\"}\n\u{0}\u{0}\n{\"id\":\"c\",\"body\":\"y\"}\n".utf8), posts: 2, failure: "invalid JSON"),
            HostileInput("a 20 MB line", "jsonl", "{\"id\":\"big\",\"title\":\"t\",\"body\":\"" + String(repeating: "word ", count: 4_000_000) + "\"}\n", posts: 1),
            HostileInput("an over-long word", "jsonl", "{\"id\":\"w\",\"title\":\"\(bigWord)\",\"body\":\"\(bigWord) fine\"}\n", posts: 1),
            HostileInput("impossible dates", "jsonl", """
                {"id":"1","title":"t","date":"0000-00-00","body":"x"}
                {"id":"2","title":"t","date":"2021-02-31","body":"x"}
                {"id":"3","title":"t","date":"2021-13-01T25:61:00Z","body":"x"}
                {"id":"4","title":"t","date":"99999-01-01","body":"x"}
                """, posts: 0, failure: "date"),
            HostileInput("31 February in a seed post", "txt", "- 31/02/2021\n- Posted by: a\n- Category: b\n\nbody\n", posts: 0, failure: "no such date"),
            HostileInput("00/00/0000 in a seed post", "txt", "- 00/00/0000\n- Posted by: a\n\nbody\n", posts: 0, failure: "date"),
            HostileInput("invalid UTF-8 seed post", "txt", Array("- 19/06/2021\n\nbody ".utf8) + [0xFF, 0xFE, 0x80] + Array(" end\n".utf8), posts: 1),
            HostileInput("empty files", "md", "", posts: 0),
            HostileInput("front matter only", "md", "---\n---\n", posts: 1),
            HostileInput("processing instructions without data", "xml", "<?m?><rss><channel><?x?><item><title>T</title><guid>g</guid><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss><?y?>", posts: 1),
            HostileInput("invalid UTF-8 after an empty encoding name", "xml", Array("<?xmlencoding=?><".utf8) + [0xF8] + Array("ATA".utf8), posts: 0, failure: "XML"),
            HostileInput("a processing instruction inside another's target", "xml", "<?<?x?><rss><channel></channel></rss>", posts: 0),
            HostileInput("invalid UTF-8 in an element name", "xml", Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item><title>T</title><guid>g</guid><categ".utf8)
                + [0xFA] + Array("o>x</categ\u{FA}o><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>".utf8), posts: 1),
        ]
    }()
}

/// Byte-level mutations: flips, inserts, deletes, duplicated runs, truncation, and format tokens.
enum Mutator {
    static func mutate(_ sample: [UInt8], tokens: [String], using random: inout SeededRandom) -> [UInt8] {
        var bytes = sample
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1:
                bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
            case 2 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...32, using: &random)))
            case 3 where !bytes.isEmpty:
                // A run repeated many times: long lines, deep nesting.
                let run = Array(bytes[position..<min(bytes.count, position + Int.random(in: 1...8, using: &random))])
                let copies = Int.random(in: 2...2_000, using: &random)
                bytes.insert(contentsOf: Array(repeating: run, count: copies).joined(), at: position)
            case 4 where !bytes.isEmpty:
                bytes.removeSubrange(position...)
            default:
                let token = Array(tokens.randomElement(using: &random)!.utf8)
                bytes.insert(contentsOf: token, at: position)
            }
        }
        return bytes
    }
}
