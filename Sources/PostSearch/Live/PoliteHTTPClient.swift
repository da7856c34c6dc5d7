import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a live site's pages the way a well-behaved crawler does: a User-Agent naming
/// postsearch and its version, robots.txt obeyed (rules for `postsearch`, else for `*`), at most
/// `maxConcurrent` requests at once, a timeout per request, and retries with exponential backoff
/// on 429, 5xx, timeouts and dropped connections, honouring `Retry-After`.
public final class PoliteHTTPClient: @unchecked Sendable {
    public struct Settings: Sendable {
        public var timeout: Double = 30
        public var maxConcurrent = 4
        /// Tries after the first.
        public var retries = 4
        /// The first backoff; each retry waits twice as long (or what `Retry-After` asks, up to `maxWait`).
        public var backoff: Double = 1
        public var maxWait: Double = 120
        public var respectRobots = true
        public init() {}
    }

    public struct Response: Sendable {
        public let url: URL
        public let status: Int
        /// Header names lower-cased.
        public let headers: [String: String]
        public let body: Data
        public var ok: Bool { (200..<300).contains(status) }
    }

    public static let productName = "postsearch"
    public static let version = "0.1.0"
    public static var userAgent: String { "\(productName)/\(version) (full-text search indexer)" }

    public let settings: Settings
    private let session: URLSession
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var robots: [String: RobotsRules] = [:]
    private var requestCount = 0

    public init(settings: Settings = Settings()) {
        self.settings = settings
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = settings.timeout
        configuration.httpMaximumConnectionsPerHost = max(1, settings.maxConcurrent)
        configuration.httpAdditionalHeaders = ["User-Agent": Self.userAgent]
        session = URLSession(configuration: configuration)
        slots = DispatchSemaphore(value: max(1, settings.maxConcurrent))
    }

    deinit { session.invalidateAndCancel() }

    /// Requests sent so far (retries included).
    public var requestsSent: Int { lock.withLock { requestCount } }

    public enum Failure: Error, CustomStringConvertible {
        case disallowed(URL)
        case status(URL, Int)
        case transport(URL, String)

        public var description: String {
            switch self {
            case .disallowed(let url): "\(url.absoluteString): disallowed for postsearch by the site's robots.txt"
            case .status(let url, let status): "\(url.absoluteString): HTTP \(status)"
            case .transport(let url, let message): "\(url.absoluteString): \(message)"
            }
        }
    }

    /// GETs `url`; any status that is not worth a retry is returned as it is (404 too).
    public func get(_ url: URL, headers: [String: String] = [:]) throws -> Response {
        if settings.respectRobots, !rules(for: url).allows(url) { throw Failure.disallowed(url) }
        return try fetchWithRetries(url, headers: headers)
    }

    /// Several GETs, `maxConcurrent` at a time; results in the order of `urls`.
    public func getAll(_ urls: [URL]) -> [Result<Response, Error>] {
        let results = ResultList(count: urls.count)
        let group = DispatchGroup()
        // A few workers taking the next URL in turn, not a thread per URL. They are threads of
        // their own: they block while they wait, and on Linux Dispatch's global queues have about
        // a thread per core, which URLSession needs free to deliver the answers they wait for.
        for _ in 0..<min(urls.count, max(1, settings.maxConcurrent)) {
            group.enter()
            let worker = Thread {
                while let index = results.claim() { results.set(index, Result { try self.get(urls[index]) }) }
                group.leave()
            }
            worker.name = "postsearch-fetch"
            worker.start()
        }
        group.wait()
        return results.all
    }

    private func fetchWithRetries(_ url: URL, headers: [String: String]) throws -> Response {
        var attempt = 0
        while true {
            let outcome = Result { try fetchOnce(url, headers: headers) }
            let wait: Double
            switch outcome {
            case .success(let response) where response.status == 429 || (500..<600).contains(response.status):
                guard attempt < settings.retries else { return response }
                wait = retryAfter(response) ?? backoff(attempt)
            case .success(let response):
                return response
            case .failure(let error):
                guard attempt < settings.retries else { throw error }
                wait = backoff(attempt)
            }
            Thread.sleep(forTimeInterval: min(wait, settings.maxWait))
            attempt += 1
        }
    }

    private func backoff(_ attempt: Int) -> Double { settings.backoff * pow(2, Double(attempt)) }

    /// `Retry-After` in seconds or as an HTTP date.
    private func retryAfter(_ response: Response) -> Double? {
        guard let value = response.headers["retry-after"]?.trimmingWhitespace() else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// One request, holding one of the `maxConcurrent` slots while it runs.
    private func fetchOnce(_ url: URL, headers: [String: String]) throws -> Response {
        slots.wait()
        defer { slots.signal() }
        lock.withLock { requestCount += 1 }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: settings.timeout)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let done = DispatchSemaphore(value: 0)
        let box = ResponseBox()
        let task = session.dataTask(with: request) { data, response, error in
            box.set(data: data, response: response as? HTTPURLResponse, error: error)
            done.signal()
        }
        task.resume()
        // URLSession's own timeout covers an idle connection; this one a body that trickles.
        if done.wait(timeout: .now() + settings.timeout + 1) == .timedOut {
            task.cancel()
            throw Failure.transport(url, "no answer within \(Int(settings.timeout)) s")
        }
        let (data, response, error) = box.get()
        if let error {
            let timedOut = (error as NSError).code == NSURLErrorTimedOut
            throw Failure.transport(url, timedOut ? "no answer within \(Int(settings.timeout)) s" : error.localizedDescription)
        }
        guard let response else { throw Failure.transport(url, "no HTTP response") }
        var fields: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Response(url: response.url ?? url, status: response.statusCode, headers: fields, body: data ?? Data())
    }

    /// The host's robots.txt rules, fetched once (none when it has no robots.txt).
    func rules(for url: URL) -> RobotsRules {
        guard let scheme = url.scheme, let host = url.host else { return RobotsRules(text: "") }
        let origin = "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")"
        if let known = lock.withLock({ robots[origin] }) { return known }
        var rules = RobotsRules(text: "")
        if let robotsURL = URL(string: origin + "/robots.txt"), let response = try? fetchWithRetries(robotsURL, headers: [:]) {
            if response.ok { rules = RobotsRules(text: String(decoding: response.body, as: UTF8.self)) }
        }
        lock.withLock { robots[origin] = rules }
        return rules
    }
}

/// The results of concurrent requests, each stored by the thread that made it.
private final class ResultList: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<PoliteHTTPClient.Response, Error>?]
    private var next = 0
    init(count: Int) { results = Array(repeating: nil, count: count) }
    /// The next index no worker has taken, if any.
    func claim() -> Int? {
        lock.withLock {
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }
    }
    func set(_ index: Int, _ result: Result<PoliteHTTPClient.Response, Error>) { lock.withLock { results[index] = result } }
    var all: [Result<PoliteHTTPClient.Response, Error>] { lock.withLock { results.map { $0! } } }
}

/// Carries a URLSession completion's values to the waiting thread.
private final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?, response: HTTPURLResponse?, error: Error?
    func set(data: Data?, response: HTTPURLResponse?, error: Error?) {
        lock.withLock { self.data = data; self.response = response; self.error = error }
    }
    func get() -> (Data?, HTTPURLResponse?, Error?) { lock.withLock { (data, response, error) } }
}
