import Foundation
import Hummingbird
import PostSearch

/// The read-only HTTP API: `/search`, `/posts/{id}`, `/health`, `/openapi.json`.
public struct SearchAPI: Sendable {
    public let pool: SearcherPool
    public let configuration: ServerConfiguration

    public init(pool: SearcherPool, configuration: ServerConfiguration) {
        self.pool = pool
        self.configuration = configuration
    }

    /// The router with every endpoint, error mapping and request logging.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(RequestLogMiddleware())
        router.middlewares.add(JSONErrorMiddleware())
        // Every endpoint answers GET and HEAD (the same response; the HTTP encoder leaves out the body).
        func get(_ path: String, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
            router.get(RouterPath(path), use: handler)
            router.head(RouterPath(path), use: handler)
        }
        get("/search") { request, _ in try await search(request) }
        get("/posts/:id") { request, context in try await post(request, context: context) }
        get("/posts/:id/related") { request, context in try await related(request, context: context) }
        get("/health") { _, _ in try await health() }
        get("/openapi.json") { _, _ in Response.json(OpenAPIDocument.json) }
        for (path, asset) in SearchPage.assets {
            get(path) { _, _ in Self.page(asset) }
        }
        for path in ["/search", "/posts/:id", "/posts/:id/related", "/health", "/openapi.json"] {
            for method in [HTTPRequest.Method.post, .put, .delete, .patch, .options, .trace, .connect] {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw APIError(.methodNotAllowed, code: "method_not_allowed", message: "\(request.method) is not allowed here; use GET.")
                }
            }
        }
        return router
    }

    /// A page asset, with a policy that lets the page load nothing but its own files.
    static func page(_ asset: SearchPage.Asset) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(asset.body)
        return Response(status: .ok, headers: [
            .contentType: asset.contentType,
            .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:",
            .cacheControl: "no-cache",
        ], body: .init(byteBuffer: buffer))
    }

    /// Reads `/search`'s query parameters into a request (`SearchRequest(queryString:)`, shared
    /// with `postsearch replay`), within the server's bounds.
    public func searchRequest(query: String?, uriLength: Int = 0, customFields: [String] = []) throws -> SearchRequest {
        if uriLength > configuration.maxURILength {
            throw APIError(.uriTooLong, code: "uri_too_long", message: "The request URI is longer than \(configuration.maxURILength) bytes.")
        }
        return try SearchRequest(queryString: query, customFields: customFields, maxLimit: configuration.maxLimit,
                                 maxQueryLength: configuration.maxQueryLength)
    }

    func search(_ request: Request) async throws -> Response {
        let (query, length) = (request.uri.query, request.uri.description.utf8.count)
        // Read with the searcher at hand: the index's custom fields are parameters too.
        let json = try await pool.withSearcher { searcher in
            try searcher.search(try searchRequest(query: query, uriLength: length, customFields: searcher.schema.customNames)).json
        }
        return .json(json + "\n")
    }

    /// `/posts/{id}`: the id is one path segment, percent-encoded (`/` as `%2F`).
    func post(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let raw = context.parameters.get("id") ?? ""
        let id = try QueryStringParameters.decode(raw[...], name: "id")
        let found = try await pool.withSearcher { searcher -> String? in
            guard let post = try searcher.post(id: id) else { return nil }
            var writer = JSONWriter()
            post.writeJSON(to: &writer)
            return writer.string
        }
        guard let found else {
            throw APIError(.notFound, code: "post_not_found", message: "No post with id \"\(id)\". Ids are percent-encoded in the path (/ as %2F).")
        }
        return .json(found + "\n")
    }

    /// `/posts/{id}/related`: posts like this one, with `/search`'s filters, paging and facets.
    func related(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let id = try QueryStringParameters.decode((context.parameters.get("id") ?? "")[...], name: "id")
        let (query, length) = (request.uri.query, request.uri.description.utf8.count)
        let json = try await pool.withSearcher { searcher in
            try searcher.related(to: id, try searchRequest(query: query, uriLength: length, customFields: searcher.schema.customNames))?.json
        }
        guard let json else {
            throw APIError(.notFound, code: "post_not_found", message: "No post with id \"\(id)\". Ids are percent-encoded in the path (/ as %2F).")
        }
        return .json(json + "\n")
    }

    func health() async throws -> Response {
        let json = try await pool.withSearcher { searcher -> String in
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("status"); writer.string("ok")
            writer.key("posts"); writer.int(try searcher.documentCount)
            writer.key("revision"); writer.int(Int(try searcher.revision))
            writer.key("last_updated"); if let updated = try searcher.lastUpdated { writer.string(updated) } else { writer.null() }
            writer.endObject()
            return writer.string
        }
        return .json(json + "\n")
    }
}
