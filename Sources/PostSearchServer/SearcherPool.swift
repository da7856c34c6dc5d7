import Dispatch
import Foundation
import PostSearch

/// A fixed set of read handles on one index, lent one request at a time and run on threads
/// outside the event loop (Xapian calls block, and its handles are not thread-safe).
///
/// With one handle per core, that many searches run at once; further requests wait their turn.
public final class SearcherPool: @unchecked Sendable {
    public let paths: [String]
    public let size: Int

    private let lock = NSLock()
    private var idle: [Searcher]
    private var waiters: [CheckedContinuation<Lent, Never>] = []
    private let queue = DispatchQueue(label: "postsearch.searchers", qos: .userInitiated, attributes: .concurrent)

    /// Opens `size` handles on the indexes at `paths` (searched as one); `configure` sets each up.
    public init(paths: [String], size: Int = ProcessInfo.processInfo.activeProcessorCount, allowPartial: Bool = false,
                remoteTimeout: Double = 10, configure: (Searcher) -> Void = { _ in }) throws {
        self.paths = paths
        self.size = max(1, size)
        idle = try (0..<max(1, size)).map { _ in
            let searcher = try Searcher(paths: paths, allowPartial: allowPartial, remoteTimeout: remoteTimeout)
            configure(searcher)
            return searcher
        }
    }

    /// Runs `body` with a handle of its own, on a worker thread.
    public func withSearcher<T: Sendable>(_ body: @escaping @Sendable (Searcher) throws -> T) async throws -> T {
        let lent = await checkOut()
        defer { checkIn(lent) }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(lent.searcher) })
            }
        }
    }

    private func checkOut() async -> Lent {
        if let searcher = lock.withLock({ idle.popLast() }) { return Lent(searcher: searcher) }
        return await withCheckedContinuation { continuation in
            let available: Searcher? = lock.withLock {
                if let searcher = idle.popLast() { return searcher }
                waiters.append(continuation)
                return nil
            }
            if let available { continuation.resume(returning: Lent(searcher: available)) }
        }
    }

    private func checkIn(_ lent: Lent) {
        let next: CheckedContinuation<Lent, Never>? = lock.withLock {
            if waiters.isEmpty {
                idle.append(lent.searcher)
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume(returning: lent)
    }

    /// A handle crossing to the worker thread: only one thread uses it at a time (the pool sees to that).
    private struct Lent: @unchecked Sendable { let searcher: Searcher }
}
