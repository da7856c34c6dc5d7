import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostSearch
import Testing
@testable import PostSearchServer

/// Synonyms, recency, highlights, corrections and search-as-you-type over HTTP.
@Suite struct ForgivingSearchHTTPTests {
    func withServer(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("postsearch-forgiving-http-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("index")
        let indexer = try Indexer(path: path)
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let recent = day.string(from: Date().addingTimeInterval(-5 * 86_400))
        try indexer.index(Post(id: "treaty", title: "The alliance meets", date: PostDate("2019-01-10"),
                               body: "The North Atlantic Treaty Organization met about the budget."))
        try indexer.index(Post(id: "nato", title: "NATO summit", date: PostDate(recent), body: "NATO leaders agreed on the budget."))
        try indexer.index(Post(id: "budget", title: "Budget budget", date: PostDate("2015-03-03"),
                               body: "The budget, the budget and the budget again: a garbage collector."))
        try indexer.setSynonyms("nato, north atlantic treaty organization\n")
        try indexer.close()
        let app = try Server.application(configuration: ServerConfiguration(indexPath: path), logger: Logger(label: "test"))
        try await app.test(.router, body)
    }

    func hits(_ client: any TestClientProtocol, _ uri: String) async throws -> (ids: [String], body: [String: Any]) {
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
            let body = try json(response.body)
            return ((body["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }, body)
        }
    }

    @Test func synonymsRecencyHighlightsAndCorrections() async throws {
        try await withServer { client in
            #expect(try await hits(client, "/search?q=nato").ids.sorted() == ["nato", "treaty"], "synonyms kept in the index")
            #expect(try await hits(client, "/search?q=budget").ids.first == "budget")
            #expect(try await hits(client, "/search?q=budget&boost=recent:30d").ids.first == "nato")
            let phrase = try await hits(client, "/search?q=%22garbage+collector%22").body
            let snippet = (phrase["hits"] as? [[String: Any]])?.first?["snippet"] as? String ?? ""
            #expect(snippet.contains("<mark>garbage</mark> <mark>collector</mark>"), "\(snippet)")
            let title = try await hits(client, "/search?q=summit").body
            #expect((title["hits"] as? [[String: Any]])?.first?["title_html"] as? String == "NATO <mark>summit</mark>")
            let typo = try await hits(client, "/search?q=budgte").body
            #expect(typo["corrected_query"] as? String == "budget")
            #expect(typo["query"] as? String == "budgte")
            let literal = try await hits(client, "/search?q=budgte&autocorrect=false").body
            #expect(literal["corrected_query"] is NSNull && literal["total"] as? Int == 0)
            #expect(try await hits(client, "/search?q=budg&prefix=true").ids.count == 3)
            try await client.execute(uri: "/search?q=x&boost=later", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
