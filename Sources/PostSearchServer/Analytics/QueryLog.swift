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
/// "sort": "relevance", "offset": 0, "prefix": false, "total": 3, "corrected_query": null, "ms": 1.8}`
/// (`prefix`: a search as you type; `corrected_query`: what was searched instead, when autocorrected).
///
/// Searches do not wait for the disk or the encoding: a search hands its few fields over under a
/// lock; at most every `batchDelay`, one serial queue encodes whatever has gathered and appends it
/// with a single `write` to the file, opened with `O_APPEND` (lines from concurrent requests never
/// interleave, and other writers may share the file). Batching keeps the queue's thread from
/// waking once per search under load. The file is reopened when it was moved away (log rotation).
public final class QueryLog: @unchecked Sendable {
    public let path: String
    private let queue = DispatchQueue(label: "postsearch.query-log", qos: .utility)
    private let reportFailure: @Sendable (String) -> Void
    /// How long a line may wait in memory: the most a crash loses (`flush` writes at once).
    static let batchDelay = DispatchTimeInterval.milliseconds(50)

    /// What one search leaves in the log, kept small: the request and a few numbers.
    struct Entry {
        let request: SearchRequest
        let total: Int
        let correctedQuery: String?
        let milliseconds: Double
        let date: Date
    }

    private let lock = NSLock()
    /// Entries waiting for the queue, and whether a drain is scheduled (under `lock`).
    private var pending: [Entry] = []
    private var drainScheduled = false
    /// The open file and its inode (touched on `queue` only).
    private var descriptor: Int32 = -1
    private var inode: ino_t = 0
    /// Whether the last write failed (on `queue`): a failure is reported once, not per search.
    private var failing = false

    /// Opens `path` for appending now, so a bad path fails `serve` at once.
    public init(path: String, reportFailure: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.path = path
        self.reportFailure = reportFailure
        if let problem = reopen() {
            throw PostSearchError.invalidParameter(name: "query-log", message: "cannot append to \(path): \(problem)")
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Records one search; returns at once.
    public func record(_ request: SearchRequest, _ response: SearchResponse, milliseconds: Double, at date: Date = Date()) {
        let entry = Entry(request: request, total: response.total, correctedQuery: response.correctedQuery, milliseconds: milliseconds, date: date)
        let schedule = lock.withLock {
            pending.append(entry)
            defer { drainScheduled = true }
            return !drainScheduled
        }
        if schedule { queue.asyncAfter(deadline: .now() + Self.batchDelay) { [self] in drain() } }
    }

    /// Writes every line recorded so far, and returns when they are written (tests, shutdown).
    public func flush() { queue.sync { drain() } }

    /// Writes what has gathered since the last drain, in one `write`.
    private func drain() {
        let entries = lock.withLock {
            defer { pending = []; drainScheduled = false }
            return pending
        }
        guard !entries.isEmpty else { return }
        var bytes: [UInt8] = []
        for entry in entries { bytes += Self.line(entry).utf8 }
        var problem = movedAway() ? reopen() : nil
        if problem == nil { problem = write(bytes) }
        if let problem, !failing { reportFailure("query log \(path): \(problem); searches go on unlogged") }
        failing = problem != nil
    }

    static func line(_ entry: Entry) -> String {
        let request = entry.request
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("time"); writer.string(timestamp(entry.date))
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
        writer.key("prefix"); writer.bool(request.prefix)
        writer.key("total"); writer.int(entry.total)
        writer.key("corrected_query"); if let corrected = entry.correctedQuery { writer.string(corrected) } else { writer.null() }
        writer.key("ms"); writer.double(entry.milliseconds, decimals: 2)
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

    // MARK: - The file (on `queue`, or in init)

    /// Whether `path` no longer names the open file (renamed or removed by log rotation).
    private func movedAway() -> Bool {
        var info = stat()
        return descriptor < 0 || stat(path, &info) != 0 || info.st_ino != inode
    }

    /// (Re)opens `path` for appending; nil when it went well, else the reason.
    private func reopen() -> String? {
        if descriptor >= 0 { close(descriptor) }
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var info = stat()
        if fstat(descriptor, &info) == 0 { inode = info.st_ino }
        return nil
    }

    private func write(_ bytes: [UInt8]) -> String? {
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 { return String(cString: strerror(errno)) }
        return written == bytes.count ? nil : "short write (\(written) of \(bytes.count) bytes)"
    }
}
