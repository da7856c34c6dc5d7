import CXapianShim

/// An error reported by libxapian (through the C shim), classified once, in the shim, into a
/// small set of kinds. Nothing outside `Xapian/` looks at Xapian's class names or messages: the
/// Search and Indexing layers switch on `kind` and turn it into a `PostSearchError`.
public struct XapianError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Another writer holds the database's lock.
        case locked
        /// The revision this reader was reading has been overwritten: reopen and retry.
        case modified
        /// No database at the path.
        case notFound
        /// A database that cannot be opened (not one, an unsupported version, unreadable).
        case opening
        case corrupt
        /// A remote database did not answer (timeout, connection refused or closed).
        case network
        /// A value out of range.
        case range
        /// A query that cannot be run: a parse error, a wildcard that expands too far.
        case invalidQuery
        case diskFull
        /// Writing refused: a read-only file system or no permission.
        case readOnly
        /// Xapian refused an argument, e.g. a term over its length limit (a bad post, not a bad index).
        case invalidArgument
        case outOfMemory
        case other
    }

    public let kind: Kind
    /// Xapian's own words, for people (never matched on).
    public let message: String
    private let className: String

    init(_ raw: cxs_error) {
        switch raw.kind {
        case CXS_KIND_LOCKED: kind = .locked
        case CXS_KIND_MODIFIED: kind = .modified
        case CXS_KIND_NOT_FOUND: kind = .notFound
        case CXS_KIND_OPENING: kind = .opening
        case CXS_KIND_CORRUPT: kind = .corrupt
        case CXS_KIND_NETWORK: kind = .network
        case CXS_KIND_RANGE: kind = .range
        case CXS_KIND_INVALID_QUERY: kind = .invalidQuery
        case CXS_KIND_DISK_FULL: kind = .diskFull
        case CXS_KIND_READ_ONLY: kind = .readOnly
        case CXS_KIND_INVALID_ARGUMENT: kind = .invalidArgument
        case CXS_KIND_NO_MEMORY: kind = .outOfMemory
        default: kind = .other
        }
        className = withUnsafeBytes(of: raw.type) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        message = withUnsafeBytes(of: raw.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    public var description: String { className.isEmpty ? message : "\(className): \(message)" }
}

/// Runs one shim call that reports failure by returning false (or NULL) and filling `cxs_error`.
@inline(__always)
func xapianCall(_ body: (UnsafeMutablePointer<cxs_error>) -> Bool) throws {
    var err = cxs_error()
    if !body(&err) { throw XapianError(err) }
}

/// Runs one shim call that returns a new handle, or NULL after filling `cxs_error`.
@inline(__always)
func xapianMake<Handle>(_ body: (UnsafeMutablePointer<cxs_error>) -> Handle?) throws -> Handle {
    var err = cxs_error()
    guard let handle = body(&err) else { throw XapianError(err) }
    return handle
}

/// Takes ownership of a shim-allocated byte string, copies it into Swift and frees it.
func takeBytes(_ bytes: cxs_bytes) -> [UInt8] {
    defer { cxs_bytes_free(bytes) }
    guard let data = bytes.data, bytes.length > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: data, count: bytes.length))
}

func takeString(_ bytes: cxs_bytes) -> String {
    String(decoding: takeBytes(bytes), as: UTF8.self)
}

/// The version of the linked libxapian, e.g. "1.4.22".
public var xapianVersion: String { String(cString: cxs_version_string()) }

nonisolated(unsafe) private let emptyCString: UnsafeMutablePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
}()

/// Lends `string`'s UTF-8 bytes as C `char` pointer + length (never NULL, not NUL-terminated).
func withCBytes<R>(_ string: String, _ body: (UnsafePointer<CChar>, Int) throws -> R) rethrows -> R {
    var string = string
    return try string.withUTF8 { buf in
        guard let base = buf.baseAddress else { return try body(emptyCString, 0) }
        return try body(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), buf.count)
    }
}
