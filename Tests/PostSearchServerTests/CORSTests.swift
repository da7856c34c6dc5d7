import Foundation
import Hummingbird
import HummingbirdTesting
import PostSearch
import Testing
@testable import PostSearchServer

@Suite struct CORSTests {
    static let blog = "https://blog.example.org"

    /// An allowed origin gets the header on every covered path (errors too), others none.
    @Test func allowedOriginsOnly() async throws {
        let index = try SampleIndex()
        try await index.application(configure: { $0.corsOrigins = [Self.blog, "http://localhost:4000"] }).test(.router) { client in
            for uri in ["/search?q=ministers", "/search.atom?q=ministers", "/posts/blog%2F2019%2Fstemming",
                        "/posts/blog%2F2019%2Fstemming/related", "/posts/none", "/search?colour=red"] {
                try await client.execute(uri: uri, method: .get, headers: [.origin: Self.blog]) { response in
                    #expect(response.headers[.accessControlAllowOrigin] == Self.blog, "\(uri)")
                    #expect(response.headers[.vary] == "Origin", "\(uri)")
                }
                try await client.execute(uri: uri, method: .get, headers: [.origin: "https://evil.example"]) { response in
                    #expect(response.headers[.accessControlAllowOrigin] == nil, "\(uri)")
                    #expect(response.headers[.vary] == "Origin", "\(uri): the answer depends on the origin")
                }
            }
            // Origins compare without case or a trailing slash; other ports are other origins.
            try await client.execute(uri: "/search", method: .get, headers: [.origin: "http://LOCALHOST:4000"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == "http://LOCALHOST:4000")
            }
            try await client.execute(uri: "/search", method: .get, headers: [.origin: "http://localhost:4001"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == nil)
            }
            // The page, its files and /health are not for other sites.
            for uri in ["/", "/app.js", "/health", "/openapi.json"] {
                try await client.execute(uri: uri, method: .get, headers: [.origin: Self.blog]) { response in
                    #expect(response.headers[.accessControlAllowOrigin] == nil, "\(uri)")
                }
            }
        }
    }

    @Test func preflight() async throws {
        let index = try SampleIndex()
        try await index.application(configure: { $0.corsOrigins = [Self.blog] }).test(.router) { client in
            let asking: HTTPFields = [.origin: Self.blog, .accessControlRequestMethod: "GET", .accessControlRequestHeaders: "X-Requested-With"]
            for uri in ["/search", "/search.atom", "/posts/x", "/posts/x/related"] {
                try await client.execute(uri: uri, method: .options, headers: asking) { response in
                    #expect(response.status == .noContent, "\(uri)")
                    #expect(response.headers[.accessControlAllowOrigin] == Self.blog)
                    #expect(response.headers[.accessControlAllowMethods] == "GET, HEAD")
                    #expect(response.headers[.accessControlAllowHeaders] == "X-Requested-With")
                    #expect(response.headers[.accessControlMaxAge] == "600")
                }
            }
            // Another origin, or a path not covered: the usual 405, no CORS header.
            let refused: [(String, HTTPFields)] = [
                ("/search", [.origin: "https://evil.example", .accessControlRequestMethod: "GET"]),
                ("/health", asking),
            ]
            for (uri, headers) in refused {
                try await client.execute(uri: uri, method: .options, headers: headers) { response in
                    #expect(response.status == .methodNotAllowed, "\(uri) \(headers)")
                    #expect(response.headers[.accessControlAllowOrigin] == nil)
                }
            }
            // A plain OPTIONS (not a preflight) is a 405 too, readable by the allowed page.
            try await client.execute(uri: "/search", method: .options, headers: [.origin: Self.blog]) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.accessControlAllowOrigin] == Self.blog)
            }
        }
    }

    @Test func offByDefaultAndStarOnlyWhenGiven() async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            try await client.execute(uri: "/search", method: .get, headers: [.origin: Self.blog]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == nil)
                #expect(response.headers[.vary] == nil)
            }
            try await client.execute(uri: "/search", method: .options, headers: [.origin: Self.blog, .accessControlRequestMethod: "GET"]) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
        try await index.application(configure: { $0.corsOrigins = ["*"] }).test(.router) { client in
            try await client.execute(uri: "/search", method: .get, headers: [.origin: "https://anyone.example"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[.vary] == nil)
            }
        }
    }

    @Test func originsAreChecked() throws {
        for bad in ["blog.example.org", "https://blog.example.org/search", "ftp://x.org", "https://", "null"] {
            #expect(throws: PostSearchError.self, "\(bad)") { try CORSPolicy(origins: [bad]) }
        }
        let policy = try CORSPolicy(origins: ["HTTPS://Blog.Example.org/", "http://[::1]:8080"])
        #expect(policy.origins == ["https://blog.example.org", "http://[::1]:8080"])
    }
}

@Suite struct StrictParameterTests {
    /// A misspelt parameter is refused, naming it and the known ones, on the JSON search and the feed.
    @Test(arguments: ["/search?q=x&categroy=News", "/search.atom?categroy=News", "/posts/blog%2F2019%2Fstemming/related?categroy=News"])
    func unknownParameterIs400(uri: String) async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == "bad_parameter")
                let message = try #require(error["message"] as? String)
                #expect(message.contains("categroy"))
                #expect(message.contains("category") && message.contains("facets"), "lists the known parameters: \(message)")
            }
        }
    }

    /// `category=` (a blank form field) is no filter, as `sort=` and `limit=` are the default.
    @Test func emptyValuesAreNotGiven() async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            let plain = try await client.execute(uri: "/search?q=ministers&facets=category", method: .get) { String(buffer: $0.body) }
            for uri in ["/search?q=ministers&facets=category&category=", "/search?q=ministers&facets=category&category=&author=&tag=&language=&sort=&limit="] {
                let answer = try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    return String(buffer: response.body)
                }
                #expect(answer == plain, "\(uri)")
            }
            let total = try await client.execute(uri: "/search?q=ministers&category=", method: .get) { try json($0.body)["total"] as? Int }
            #expect(total == 3)
        }
    }
}
