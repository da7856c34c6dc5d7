import Foundation
import Hummingbird
import Logging
import PostSearch

/// Turns every error into the JSON error shape, so no request ends in an HTML page or a dropped
/// connection; internal errors are logged with their context.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether a path is one the server answers (with GET): any other method there is a 405,
    /// even one the router has never heard of (`QUERY`).
    var isServed: @Sendable (String) -> Bool = { _ in false }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as PostSearchError {
            let apiError = APIError(error)
            if apiError.status == .internalServerError { context.logger.error("\(request.uri.path): \(error)") }
            return apiError.response()
        } catch let error as HTTPError {
            switch error.status {
            case .notFound where request.method != .get && request.method != .head && isServed(request.uri.path):
                return APIError(.methodNotAllowed, code: "method_not_allowed", message: "\(request.method) is not allowed here; use GET.").response()
            case .notFound where request.uri.path.hasPrefix("/posts/"):
                let message = "No such endpoint: \(request.uri.path). A post id is one path segment, percent-encoded (/ as %2F): /posts/{id} and /posts/{id}/related."
                return APIError(.notFound, code: "not_found", message: message).response()
            case .notFound:
                return APIError(.notFound, code: "not_found", message: "No such endpoint: \(request.uri.path). See /openapi.json.").response()
            default:
                return APIError(error.status, code: "http_\(error.status.code)", message: error.body ?? error.status.reasonPhrase).response()
            }
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(error)")
            return APIError(.internalServerError, code: "internal", message: "Internal error; the server log has details.").response()
        }
    }
}

/// One log line per request: method, path, status, duration.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let milliseconds = (ContinuousClock.now - start).milliseconds
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", milliseconds))ms")
        return response
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
