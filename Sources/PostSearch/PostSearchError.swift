/// What can go wrong, sorted by audience: user errors (fix the query or parameter), operational
/// errors (index missing, locked, unwritable) and internal errors (report them).
public enum PostSearchError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The query text cannot be parsed; the message quotes the problem.
    case invalidQuery(String)
    /// A parameter (`from`, `sort`, `limit`, …) is malformed or out of range.
    case invalidParameter(name: String, message: String)
    case indexNotFound(path: String)
    /// Another `postsearch index` holds the index's write lock.
    case indexLocked(path: String)
    /// The index exists but could not be opened or written (permissions, disk, corruption).
    case indexUnavailable(path: String, reason: String)
    /// Writing the index failed (disk full, read-only folder, I/O error); the index is as of its last commit.
    case indexWriteFailed(path: String, reason: String)
    /// A failure inside postsearch or Xapian that the user cannot fix by changing the request.
    case internalError(String)

    /// Stable machine-readable code, used in JSON errors.
    public var code: String {
        switch self {
        case .invalidQuery: "bad_query"
        case .invalidParameter: "bad_parameter"
        case .indexNotFound: "index_not_found"
        case .indexLocked: "index_locked"
        case .indexUnavailable: "index_unavailable"
        case .indexWriteFailed: "index_write_failed"
        case .internalError: "internal"
        }
    }

    /// True when the request itself was wrong (CLI exit 2, HTTP 400).
    public var isUserError: Bool {
        switch self {
        case .invalidQuery, .invalidParameter: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .invalidQuery(let message): "Cannot understand the query: \(message)"
        case .invalidParameter(let name, let message): "Bad value for \(name): \(message)"
        case .indexNotFound(let path):
            "No index at \(path). Create one with `postsearch index PATH --index \(path)`, or point --index (or POSTSEARCH_INDEX) at an existing one."
        case .indexLocked(let path):
            "Another postsearch indexer is writing to \(path) right now; wait for it to finish (or pass --wait)."
        case .indexUnavailable(let path, let reason): "Cannot use the index at \(path): \(reason)"
        case .indexWriteFailed(let path, let reason):
            "Cannot write to the index at \(path): \(reason). The index is as it was at its last commit; fix the cause and run the same command again."
        case .internalError(let message): "Internal error: \(message)"
        }
    }
}
