import Dispatch
import Foundation
import PostSearch
#if canImport(Glibc)
import Glibc
#endif

/// `serve --query-log FILE`: one JSON line per search, for a site owner to learn what readers
/// look for and do not find (`postsearch stats --queries FILE`). No client address is written.
///
/// A line: `{"time": "2026-12-01T10:00:00.123Z", "q": "ruby", "filters": {"category": ["News"]},
/// "sort": "relevance", "offset": 0, "prefix": false, "total": 3, "corrected_query": null, "ms": 1.8}`.
///
/// Searches do not wait for the disk: a line is handed to one serial queue, which appends it
/// with a single `write` to the file opened with `O_APPEND` (so lines from concurrent requests
/// never interleave), reopening the file each time (a log rotated away is followed).
public final class QueryLog: @unchecked Sendable {
    public let path: String
    private let queue = DispatchQueue(label: "postsearch.query-log", qos: .utility)
    private let reportFailure: @Sendable (String) -> Void
    /// Whether the last write failed (touched on `queue` only): a failure is reported once, not per search.
    private var failing = false

    /// Checks now that `path` can be appended to (a bad path fails `serve` at once).
    public init(path: String, reportFailure: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.path = path
        self.reportFailure = reportFailure
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PostSearchError.invalidParameter(name: "query-log", message: "cannot append to \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
    }

    /// Records one search; returns at once.
    public func record(_ request: SearchRequest, _ response: SearchResponse, milliseconds: Double, at date: Date = Date()) {
        let line = Self.line(request, response, milliseconds: milliseconds, at: date)
        queue.async { [self] in
            let problem = Self.append(Array(line.utf8), to: path)
            if let problem, !failing { reportFailure("query log \(path): \(problem); searches go on unlogged") }
            failing = problem != nil
        }
    }

    /// Waits until every line recorded so far is written (tests, shutdown).
    public func flush() { queue.sync {} }

    static func line(_ request: SearchRequest, _ response: SearchResponse, milliseconds: Double, at date: Date) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("time"); writer.string(timestamp(date))
        writer.key("q"); writer.string(request.query)
        writer.key("filters")
        writer.beginObject()
        for name in ["category", "author", "tag", "language"] {
            if let values = request.filters[name], !values.isEmpty { writer.key(name); writer.strings(values) }
        }
        if let from = request.from { writer.key("from"); writer.string(from) }
        if let to = request.to { writer.key("to"); writer.string(to) }
        writer.endObject()
        writer.key("sort"); writer.string(request.sort.rawValue)
        writer.key("offset"); writer.int(request.offset)
        writer.key("total"); writer.int(response.total)
        writer.key("ms"); writer.double(milliseconds, decimals: 2)
        writer.endObject()
        return writer.string + "\n"
    }

    /// `2026-12-01T10:00:00.123Z`.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds % 1000), 3))Z"
    }

    /// One `write` of the whole line; nil when it went in, else the reason.
    private static func append(_ bytes: [UInt8], to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 { return String(cString: strerror(errno)) }
        return written == bytes.count ? nil : "short write (\(written) of \(bytes.count) bytes)"
    }
}
