import Hummingbird
import PostSearch

/// An error answered as `{"error": {"code": "...", "message": "..."}}` with its HTTP status.
public struct APIError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// User errors become 400; a missing index 503; anything else 500 (and is logged).
    init(_ error: PostSearchError) {
        switch error {
        case .invalidQuery, .invalidParameter: self.init(.badRequest, code: error.code, message: error.description)
        case .indexNotFound, .indexUnavailable, .indexLocked, .indexWriteFailed: self.init(.serviceUnavailable, code: error.code, message: error.description)
        case .internalError: self.init(.internalServerError, code: error.code, message: error.description)
        }
    }

    var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.key("code"); writer.string(code)
        writer.key("message"); writer.string(message)
        writer.endObject()
        writer.endObject()
        return writer.string + "\n"
    }

    func response() -> Response {
        var response = Response.json(json, status: status)
        if status == .methodNotAllowed { response.headers[.allow] = "GET, HEAD" }
        return response
    }
}

extension Response {
    /// A JSON body (already encoded) with its content type.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(text)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
    }
}
