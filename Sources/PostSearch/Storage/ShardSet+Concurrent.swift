import Foundation

/// Work on every shard of a set at once. Over remote shards each call is a round trip to a
/// `xapian-tcpsrv`: asked one after the other, a search waits for the sum of them; asked at once,
/// on each shard's own queue, for the slowest. Each member shares its connection with the set's
/// combined database, which is not used meanwhile, so no connection is used by two threads.
extension ShardSet {
    /// Calls `body(index, data)` for each of `docids` (in `database`'s numbering: over N shards,
    /// docid d is document (d - 1) / N + 1 of shard (d - 1) % N) as its stored data arrives,
    /// on the calling thread. Over remote shards every shard is asked at once (Xapian 1.4's
    /// `MSet::fetch` sends nothing ahead to a remote shard: one round trip per document), and
    /// the caller works on each document while the others are on their way.
    func forEachData(of docids: [UInt32], _ body: (Int, [UInt8]) throws -> Void) throws {
        guard hasRemote, members.count > 1 else {
            for (index, docid) in docids.enumerated() { try body(index, try database.data(docid: docid)) }
            return
        }
        let inbox = Inbox<[UInt8]>()
        let count = UInt32(members.count)
        for (member, queue) in queues.prefix(members.count).enumerated() {
            let wanted = docids.enumerated().filter { ($0.element - 1) % count == UInt32(member) }
            let database = UncheckedBox(members[member])
            queue.async {
                for (index, docid) in wanted { inbox.put(index, Result { try database.value.data(docid: (docid - 1) / count + 1) }) }
            }
        }
        // Every answer is taken before returning, so no queue still uses a member afterwards.
        var failure: Error?
        for _ in docids.indices {
            let (index, result) = inbox.take()
            do {
                if failure == nil { try body(index, try result.get()) }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// `body(k)` for each member at once, on its member's queue (serial queues get a thread even
    /// when every core is busy: the work is waiting for a shard); the results in member order.
    func concurrently<T>(_ body: @escaping (Int) throws -> T) throws -> [T] {
        let inbox = Inbox<T>()
        let shared = UncheckedBox(body)
        for (member, queue) in queues.prefix(members.count).enumerated() {
            queue.async { inbox.put(member, Result { try shared.value(member) }) }
        }
        var results = [Result<T, Error>?](repeating: nil, count: members.count)
        for _ in members.indices {
            let (member, result) = inbox.take()
            results[member] = result
        }
        return try results.map { try $0!.get() }
    }
}

/// Results handed from the shards' queues to the waiting thread.
private final class Inbox<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived: [(Int, Result<T, Error>)] = []

    func put(_ index: Int, _ result: Result<T, Error>) {
        condition.withLock {
            arrived.append((index, result))
            condition.signal()
        }
    }

    func take() -> (Int, Result<T, Error>) {
        condition.lock()
        defer { condition.unlock() }
        while arrived.isEmpty { condition.wait() }
        return arrived.removeFirst()
    }
}

/// A value handed to a queue that alone uses it while the caller waits.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
