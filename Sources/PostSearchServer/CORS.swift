import Hummingbird
import PostSearch

/// Which other sites' pages may call the API from a browser (`serve --cors-origin`): off by
/// default; `*` only when given as such.
public struct CORSPolicy: Sendable, Equatable {
    /// Normalised origins (`https://blog.example.org`, `http://localhost:4000`).
    public let origins: Set<String>
    /// `*` was given: every origin, answered with `Access-Control-Allow-Origin: *`.
    public let anyOrigin: Bool

    /// Paths that answer cross-origin requests: the searches, the feed and the posts.
    static func covers(_ path: String) -> Bool {
        path == "/search" || path == "/search.atom" || path.hasPrefix("/posts/")
    }

    /// Checks and normalises each origin: `*`, or `scheme://host[:port]` with nothing after.
    public init(origins: [String]) throws {
        var normalised = Set<String>()
        var any = false
        for origin in origins {
            if origin == "*" { any = true; continue }
            guard let value = Self.normalised(origin) else {
                throw PostSearchError.invalidParameter(
                    name: "cors-origin", message: "\"\(origin)\" is not an origin; write scheme://host[:port] (https://blog.example.org) or *")
            }
            normalised.insert(value)
        }
        self.origins = normalised
        anyOrigin = any
    }

    public var isEnabled: Bool { anyOrigin || !origins.isEmpty }

    /// The `Access-Control-Allow-Origin` value for a request from `origin`, nil when not allowed.
    func allowedValue(for origin: String?) -> String? {
        if anyOrigin { return "*" }
        guard let origin, let value = Self.normalised(origin), origins.contains(value) else { return nil }
        return origin
    }

    /// `HTTPS://Blog.Example.org/` → `https://blog.example.org`; nil for anything but an origin.
    static func normalised(_ text: String) -> String? {
        var origin = text.lowercased()
        if origin.hasSuffix("/") { origin.removeLast() }
        guard let separator = origin.range(of: "://") else { return nil }
        let scheme = origin[..<separator.lowerBound], authority = origin[separator.upperBound...]
        guard ["http", "https"].contains(scheme), SiteAddress.isPlainHost(String(authority)) else { return nil }
        return origin
    }
}

/// Cross-origin resource sharing on the paths `CORSPolicy.covers`: an allowed origin gets
/// `Access-Control-Allow-Origin` on every answer (errors too, so a page can read them), and its
/// preflight `OPTIONS` gets 204 with the allowed method and headers. Other origins get no CORS
/// header (the browser then keeps the answer from the page) and their `OPTIONS` the usual 405.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: CORSPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard policy.isEnabled, CORSPolicy.covers(request.uri.path) else { return try await next(request, context) }
        let allowed = policy.allowedValue(for: request.headers[.origin])
        if request.method == .options, let allowed, request.headers[.accessControlRequestMethod] != nil {
            var headers: HTTPFields = [.accessControlAllowOrigin: allowed, .accessControlAllowMethods: "GET, HEAD", .accessControlMaxAge: "600"]
            if let asked = request.headers[.accessControlRequestHeaders], Self.isHeaderList(asked) {
                headers[.accessControlAllowHeaders] = asked
            }
            if !policy.anyOrigin { headers[.vary] = "Origin" }
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        if let allowed { response.headers[.accessControlAllowOrigin] = allowed }
        // The answer differs by Origin (a header for some, none for others): caches must know.
        if !policy.anyOrigin { response.headers[.vary] = "Origin" }
        return response
    }

    /// `X-Requested-With, Content-Type`: header names (tokens) and commas only.
    static func isHeaderList(_ text: String) -> Bool {
        text.utf8.count <= 500 && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_, ".unicodeScalars.contains($0)
        }
    }
}
