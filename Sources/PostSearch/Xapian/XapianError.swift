import CXapianShim

/// An error reported by libxapian (through the C shim), with Xapian's own error class name.
///
/// `type` is the class name without namespace, for example `"DatabaseLockError"`,
/// `"DatabaseModifiedError"`, `"QueryParserError"` or `"DatabaseNotFoundError"`.
public struct XapianError: Error, CustomStringConvertible, Sendable {
    public enum Status: Sendable { case xapian, outOfMemory, standardLibrary, unknown, invalidArgument }

    public let status: Status
    public let type: String
    public let message: String

    init(_ raw: cxs_error) {
        switch raw.status {
        case CXS_XAPIAN_ERROR: status = .xapian
        case CXS_NO_MEMORY: status = .outOfMemory
        case CXS_STD_ERROR: status = .standardLibrary
        case CXS_INVALID_ARGUMENT: status = .invalidArgument
        default: status = .unknown
        }
        type = withUnsafeBytes(of: raw.type) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        message = withUnsafeBytes(of: raw.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    public var description: String { type.isEmpty ? message : "\(type): \(message)" }

    /// Another writer holds the database's lock. (Xapian raises the same error class when the
    /// lock file cannot be created at all, e.g. on a read-only file system; only "already locked"
    /// means another writer.)
    public var isLock: Bool { type == "DatabaseLockError" && message.contains("already locked") }
    /// The revision this reader was reading has been overwritten: reopen and retry.
    public var isModified: Bool { type == "DatabaseModifiedError" }
    /// The database could not be opened (missing, not a database, unreadable).
    public var isOpening: Bool { type.hasPrefix("Database") && (type.contains("Opening") || type.contains("NotFound") || type.contains("Version")) }
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
