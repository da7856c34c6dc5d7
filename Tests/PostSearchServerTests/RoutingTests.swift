import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PostSearchServer

/// Paths a reader gets slightly wrong get a sentence that says how to get them right.
@Suite struct RoutingTests {
    @Test func anUnencodedPostIDGetsTheEncodingHint() async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            for path in ["/posts/news/2021/ministerial-meeting.txt", "/posts/a/b/c"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound)
                    let message = (try json(response.body)["error"] as? [String: Any])?["message"] as? String ?? ""
                    #expect(message.contains("%2F"), "\(path): \(message)")
                }
            }
            try await client.execute(uri: "/posts/news%2F2021%2Fministerial-meeting.txt", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}

@Suite struct MethodTests {
    @Test func anyOtherMethodOnAServedPathIs405() async throws {
        let index = try SampleIndex()
        try await index.application().test(.router) { client in
            for path in ["/search?q=a", "/health", "/posts/x", "/"] {
                try await client.execute(uri: path, method: HTTPRequest.Method("QUERY")!) { response in
                    #expect(response.status == .methodNotAllowed, "QUERY \(path)")
                    #expect(response.headers[.allow] == "GET, HEAD")
                }
            }
            try await client.execute(uri: "/nowhere", method: HTTPRequest.Method("QUERY")!) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
