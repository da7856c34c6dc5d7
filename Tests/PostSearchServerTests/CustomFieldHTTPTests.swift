import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostSearch
import Testing
@testable import PostSearchServer

/// An index's custom fields over HTTP: a filter parameter and a facet each, in the OpenAPI document too.
@Suite struct CustomFieldHTTPTests {
    @Test func aCustomFieldIsAParameterAndAFacet() async throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-fields-http-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("index")
        let indexer = try Indexer(path: path)
        try indexer.index(Post(id: "a", title: "Ownership", body: "Borrowing.", fields: ["series": ["Learning Rust"]]))
        try indexer.index(Post(id: "b", title: "Tomatoes", body: "Borrowing a spade.", fields: ["series": ["Garden Diary"]]))
        try indexer.close()
        let app = try Server.application(configuration: ServerConfiguration(indexPath: path), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/search?q=borrowing&series=Garden+Diary&facets=series", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let body = try json(response.body)
                #expect((body["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["b"])
                let facet = (body["facets"] as? [String: Any])?["series"] as? [[String: Any]]
                #expect(facet?.compactMap { $0["value"] as? String }.sorted() == ["Garden Diary", "Learning Rust"], "multi-select")
            }
            try await client.execute(uri: "/search?colour=red", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("series"), "the known parameters include the index's fields")
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let document = String(buffer: response.body)
                #expect(document.contains(#"{"name": "series", "in": "query""#))
                let parsed = try JSONSerialization.jsonObject(with: Data(document.utf8))
                #expect(parsed is [String: Any], "still JSON")
            }
        }
    }
}
