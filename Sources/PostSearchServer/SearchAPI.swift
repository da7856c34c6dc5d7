import Foundation
import Hummingbird
import PostSearch

/// The read-only HTTP API: `/search`, `/search.atom`, `/posts/{id}`, `/health`, `/openapi.json`,
/// `/opensearch.xml`, and the search page's files.
public struct SearchAPI: Sendable {
    public let pool: SearcherPool
    public let configuration: ServerConfiguration
    let cors: CORSPolicy
    let queryLog: QueryLog?
    let page: SearchPage

    /// Every path the router answers (for 405s on other methods).
    static let apiPaths = ["/search", "/search.atom", "/posts/:id", "/posts/:id/related", "/health", "/openapi.json", "/opensearch.xml"]

    public init(pool: SearcherPool, configuration: ServerConfiguration, queryLog: QueryLog? = nil) throws {
        self.pool = pool
        self.configuration = configuration
        self.queryLog = queryLog
        cors = try CORSPolicy(origins: configuration.corsOrigins)
        page = SearchPage(title: configuration.title)
    }

    /// The router with every endpoint, error mapping, CORS and request logging.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(RequestLogMiddleware())
        router.middlewares.add(CORSMiddleware(policy: cors))
        let served = Set(Self.apiPaths + page.assets.keys)
        router.middlewares.add(JSONErrorMiddleware(isServed: { path in
            served.contains(path) || path.hasPrefix("/posts/") && path.dropFirst("/posts/".count).split(separator: "/").count <= 2
        }))
        // Every endpoint answers GET and HEAD (the same response; the HTTP encoder leaves out the body).
        func get(_ path: String, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
            router.get(RouterPath(path), use: handler)
            router.head(RouterPath(path), use: handler)
        }
        get("/search") { request, _ in try await search(request) }
        get("/search.atom") { request, _ in try await feed(request) }
        get("/posts/:id") { request, context in try await post(request, context: context) }
        get("/posts/:id/related") { request, context in try await related(request, context: context) }
        get("/health") { _, _ in try await health() }
        get("/openapi.json") { _, _ in Response.json(OpenAPIDocument.json(customFields: try await pool.withSearcher { $0.schema.customNames })) }
        get("/opensearch.xml") { request, _ in
            Self.xml(OpenSearchDescription.xml(title: configuration.title, site: SiteAddress(request: request, configuration: configuration)),
                     contentType: OpenSearchDescription.contentType)
        }
        for (path, asset) in page.assets {
            get(path) { _, _ in Self.page(asset) }
        }
        // Other methods are refused; a CORS preflight (OPTIONS) from an allowed origin is answered
        // by CORSMiddleware before it gets here.
        for path in Self.apiPaths + page.assets.keys.sorted() {
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
        Response(status: .ok, headers: [
            .contentType: asset.contentType,
            .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:",
            .cacheControl: asset.cacheControl,
        ], body: .init(byteBuffer: ByteBuffer(bytes: asset.body)))
    }

    static func xml(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
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

    /// `/search`: one line in the query log (when kept) per answered search.
    func search(_ request: Request) async throws -> Response {
        let (query, length) = (request.uri.query, request.uri.description.utf8.count)
        let start = ContinuousClock.now
        // Read with the searcher at hand: the index's custom fields are parameters too.
        let (asked, response) = try await pool.withSearcher { searcher -> (SearchRequest, SearchResponse) in
            let asked = try searchRequest(query: query, uriLength: length, customFields: searcher.schema.customNames)
            return (asked, try searcher.search(asked))
        }
        queryLog?.record(asked, response, milliseconds: (ContinuousClock.now - start).milliseconds)
        return .json(response.json + "\n")
    }

    /// `/search.atom`: `/search`'s parameters (the same decoder), newest first unless `sort` is
    /// given, as an Atom feed.
    func feed(_ request: Request) async throws -> Response {
        let query = request.uri.query ?? ""
        let length = request.uri.description.utf8.count
        let sortGiven = try !QueryStringParameters(query).all("sort").allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        let (response, updated) = try await pool.withSearcher { searcher -> (SearchResponse, String?) in
            var asked = try searchRequest(query: query, uriLength: length, customFields: searcher.schema.customNames)
            if !sortGiven { asked.sort = .newest }
            return (try searcher.search(asked), try searcher.lastUpdated)
        }
        let feed = AtomFeed(title: configuration.title, site: SiteAddress(request: request, configuration: configuration),
                            queryString: query, indexUpdated: updated)
        return Self.xml(feed.xml(response), contentType: AtomFeed.contentType)
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
