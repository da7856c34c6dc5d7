import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostSearch
import Testing
@testable import PostSearchServer

/// An index of the repository's sample archive in a temporary folder.
final class SampleIndex: Sendable {
    let directory: String
    let path: String

    init() throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-server-\(UUID().uuidString)")
        path = (directory as NSString).appendingPathComponent("index")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let indexer = try Indexer(path: path)
        _ = try indexer.importArchive([root.appendingPathComponent("examples/sample-archive").path])
        try indexer.close()
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func application(port: Int = 0, configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> some ApplicationProtocol {
        var configuration = ServerConfiguration(indexPath: path)
        configuration.port = port
        configuration.maxQueryLength = 200
        configuration.maxURILength = 2_000
        configure(&configuration)
        return try Server.application(configuration: configuration, logger: Logger(label: "test"))
    }
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))
    return try #require(object as? [String: Any])
}

@Suite struct ServerTests {
    @Test func searchGivesTheCLIsJSONByteForByte() async throws {
        let index = try SampleIndex()
        var request = SearchRequest(query: "ministers")
        request.facets = [.category, .year]
        let expected = try Searcher(path: index.path).search(request).json + "\n"
        try await index.application().test(.router) { client in
            try await client.execute(uri: "/search?q=ministers&facets=category,year", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(String(buffer: response.body) == expected)
            }
            // Repeated filters, form-encoded spaces, dates and paging.
            try await client.execute(uri: "/search?category=Search&category=Meta&from=2020&to=2022-06&sort=oldest&limit=2&offset=1", method: .get) { response in
                let body = try json(response.body)
                #expect(body["total"] as? Int == 5)
                let hits = try #require(body["hits"] as? [[String: Any]])
                #expect(hits.map { $0["id"] as? String } == ["blog/2020/facets", "blog/2021/snippets"])
            }
            let phraseTotal = try await client.execute(uri: "/search?q=%22western+balkans%22", method: .get) { response in
                try json(response.body)["total"] as? Int
            }
            #expect(phraseTotal == 2)
        }
    }

    @Test func postsHealthAndOpenAPI() async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            try await client.execute(uri: "/posts/news%2F2021%2Fministerial-meeting.txt", method: .get) { response in
                #expect(response.status == .ok)
                let post = try json(response.body)
                #expect(post["date"] as? String == "2021-06-19")
                #expect((post["body"] as? String)?.contains("Portorož") == true)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                let health = try json(response.body)
                #expect(health["status"] as? String == "ok")
                #expect(health["posts"] as? Int == 18)
            }
        }
    }

    /// Every error path answers JSON with the right status, and the server keeps serving.
    @Test(arguments: [
        ("/search?q=foo+AND+(", 400, "bad_query"),
        ("/search?from=2021-02-31", 400, "bad_parameter"),
        ("/search?to=last+week", 400, "bad_parameter"),
        ("/search?sort=best", 400, "bad_parameter"),
        ("/search?facets=category,colour", 400, "bad_parameter"),
        ("/search?limit=ten", 400, "bad_parameter"),
        ("/search?limit=101", 400, "bad_parameter"),
        ("/search?limit=-1", 400, "bad_parameter"),
        ("/search?offset=abc", 400, "bad_parameter"),
        ("/search?offset=100001", 400, "bad_parameter"),
        ("/search?q=%E2%28", 400, "bad_parameter"),
        ("/search?q=%G1", 400, "bad_parameter"),
        ("/search?q=a&q=b", 400, "bad_parameter"),
        ("/search?q=" + String(repeating: "word+", count: 60), 400, "bad_parameter"),
        ("/search?tag=" + String(repeating: "x", count: 2_100), 414, "uri_too_long"),
        ("/posts/no-such-post", 404, "post_not_found"),
        ("/nowhere", 404, "not_found"),
    ])
    func errorsAreJSON(uri: String, status: Int, code: String) async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status.code == status, "\(uri)")
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == code)
                #expect((error["message"] as? String)?.isEmpty == false)
            }
            try await client.execute(uri: "/health", method: .get) { response in #expect(response.status == .ok) }
        }
    }

    @Test func relatedPostsOverHTTP() async throws {
        let index = try SampleIndex()
        let expected = try #require(try Searcher(path: index.path).related(to: "news/2021/ministerial-meeting.txt", SearchRequest()))
        try await index.application().test(.router) { client in
            try await client.execute(uri: "/posts/news%2F2021%2Fministerial-meeting.txt/related", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == expected.json + "\n")
            }
            let filtered = try await client.execute(uri: "/posts/news%2F2021%2Fministerial-meeting.txt/related?category=Travel&facets=category", method: .get) {
                try json($0.body)
            }
            let hits = try #require(filtered["hits"] as? [[String: Any]])
            #expect(hits.map { $0["id"] as? String } == ["blog/2021/portoroz"])
            try await client.execute(uri: "/posts/nope/related", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func wrongMethodIs405() async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            for (uri, method) in [("/search", HTTPRequest.Method.post), ("/posts/x", .delete), ("/health", .put), ("/health", .trace)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET, HEAD")
                    let body = try json(response.body)
                    #expect(body["error"] != nil)
                }
            }
        }
    }

    @Test func headAnswersLikeGetAndBlankDatesAreNoBound() async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            for uri in ["/health", "/search?q=ministers", "/openapi.json", "/"] {
                try await client.execute(uri: uri, method: .head) { response in
                    #expect(response.status == .ok, "HEAD \(uri)")
                }
            }
            let bounded = try await client.execute(uri: "/search?q=ministers&from=&to=", method: .get) { try json($0.body)["total"] as? Int }
            let unbounded = try await client.execute(uri: "/search?q=ministers", method: .get) { try json($0.body)["total"] as? Int }
            #expect(bounded != nil && bounded == unbounded)
        }
    }

    @Test func responsesConformToTheOpenAPIDocument() async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) { try json($0.body) }
            #expect(document["openapi"] as? String == "3.1.0")
            let validator = JSONSchemaValidator(document: document)
            // Every endpoint the router answers is described.
            let described = Set((document["paths"] as? [String: Any] ?? [:]).keys)
            for path in SearchAPI.apiPaths {
                #expect(described.contains(path.replacingOccurrences(of: ":id", with: "{id}")), "\(path) is in /openapi.json")
            }
            let cases: [(uri: String, path: String, status: Int)] = [
                ("/search?q=ministers&facets=category,author,tag,year,month", "/search", 200),
                ("/search?facets=year&limit=100", "/search", 200),
                ("/search?q=ministres", "/search", 200),
                ("/search?limit=1000", "/search", 400),
                ("/posts/blog%2F2019%2Fstemming", "/posts/{id}", 200),
                ("/posts/none", "/posts/{id}", 404),
                ("/posts/blog%2F2019%2Fstemming/related?facets=year", "/posts/{id}/related", 200),
                ("/health", "/health", 200),
            ]
            for (uri, path, status) in cases {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status.code == status, "\(uri)")
                    let schema = try #require(validator.responseSchema(path: path, status: status), "no schema for \(path) \(status)")
                    let problems = validator.validate(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)), against: schema)
                    #expect(problems.isEmpty, "\(uri): \(problems)")
                }
            }
        }
    }

    /// The real server on a free loopback port, queried over a socket by many clients at once.
    @Test func liveServerOverASocket() async throws {
        let index = try SampleIndex()
        try await index.application().test(.live) { client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        let uri = i % 2 == 0 ? "/search?q=migration&facets=category" : "/search?q=ministers"
                        return try await client.execute(uri: uri, method: .get) { response in
                            #expect(response.status == .ok)
                            return try json(response.body)["total"] as? Int ?? -1
                        }
                    }
                }
                var totals: [Int] = []
                for try await total in group { totals.append(total) }
                #expect(totals.count == 40)
                #expect(Set(totals).count == 2, "each query always gives the same total: \(Set(totals))")
            }
        }
    }

    /// Posts committed by an indexer while the server runs are found at once, with no restart.
    @Test func newPostsAppearWithoutRestart() async throws {
        let index = try SampleIndex()
        try await index.application().test(.live) { client in
            let before = try await client.execute(uri: "/search?q=zeppelin", method: .get) { try json($0.body)["total"] as? Int }
            #expect(before == 0)
            let indexer = try Indexer(path: index.path)
            try indexer.index(Post(id: "live/1", title: "Zeppelin over Ljubljana", date: PostDate("2023-05-01"), body: "A zeppelin flew over."))
            try indexer.commit()
            let after = try await client.execute(uri: "/search?q=zeppelin", method: .get) { try json($0.body)["total"] as? Int }
            #expect(after == 1)
            try indexer.delete(id: "live/1")
            try indexer.close()
            let gone = try await client.execute(uri: "/search?q=zeppelin", method: .get) { try json($0.body)["total"] as? Int }
            #expect(gone == 0)
            let health = try await client.execute(uri: "/health", method: .get) { try json($0.body)["posts"] as? Int }
            #expect(health == 18)
        }
    }
}
