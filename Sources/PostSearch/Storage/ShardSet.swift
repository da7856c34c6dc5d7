import Foundation

/// The databases behind one or more index paths (folders, stub files, folders of shards),
/// opened and joined into one Xapian database that searches them all as one.
///
/// A shard that cannot be reached is an error naming it, or with `allowPartial` is left out
/// (and listed in `unavailable`). Local folders are watched by identity: one replaced by
/// compaction is opened afresh; so are the stub files the paths stand for (a replica's stub
/// switched to a new copy by `xapian-replicate` is listed again).
final class ShardSet {
    private(set) var shards: [Shard]
    private let paths: [String]
    /// The paths as given, for messages.
    let path: String
    private(set) var database: XapianDatabase
    /// The shards that were reached, in the order `database` holds them; each shares its
    /// connection with `database`, so work on different members can run on threads at once.
    private(set) var members: [XapianDatabase] = []
    /// Which members are remote.
    private var remoteMembers: [Bool] = []
    /// When the remote members were last asked for their latest commit.
    private var remoteRefreshed = Date.distantPast
    /// One serial queue per shard, for the work done on all shards at once (ShardSet+Concurrent).
    private(set) var queues: [DispatchQueue] = []
    private(set) var unavailable: [Shard] = []
    private var folders: [FolderIdentity?]
    private var stubs: [FolderIdentity?]
    /// Whether shards that cannot be reached are left out rather than an error.
    let allowsPartial: Bool
    private let timeout: Double

    var hasRemote: Bool { shards.contains(where: \.isRemote) }
    /// Whether some shard is a local folder (spelling data comes only from those).
    var hasLocal: Bool { shards.contains { !$0.isRemote } }

    init(paths: [String], allowPartial: Bool, timeout: Double) throws {
        precondition(!paths.isEmpty, "at least one index path")
        self.paths = paths
        path = paths.joined(separator: ", ")
        stubs = paths.map(FolderIdentity.stub)
        shards = try paths.flatMap { try Shard.list($0) }
        self.allowsPartial = allowPartial
        self.timeout = timeout
        folders = shards.map(FolderIdentity.init)
        (database, members, remoteMembers, unavailable) = try Self.open(shards, allowPartial: allowPartial, timeout: timeout)
        queues = shards.indices.map { DispatchQueue(label: "postsearch.shard.\($0)") }
    }

    /// Whether a local folder or a stub file was replaced (or went away) since it was opened.
    var foldersReplaced: Bool { shards.map(FolderIdentity.init) != folders || paths.map(FolderIdentity.stub) != stubs }

    /// Opens every shard again (after one stopped answering, or a folder was replaced), listing
    /// them afresh from the paths.
    func reconnect() throws {
        stubs = paths.map(FolderIdentity.stub)
        shards = try paths.flatMap { try Shard.list($0) }
        queues = shards.indices.map { DispatchQueue(label: "postsearch.shard.\($0)") }
        folders = shards.map(FolderIdentity.init)
        (database, members, remoteMembers, unavailable) = try Self.open(shards, allowPartial: allowsPartial, timeout: timeout)
        remoteRefreshed = Date()
    }

    /// Remote shards are asked for their latest commit at most this often, unless `force`d:
    /// asking is a round trip to every shard, which would otherwise come before every search.
    static let remoteRefreshInterval = 0.5

    /// Moves to the latest committed state (of remote shards: as of at most
    /// `remoteRefreshInterval` ago, unless `force`); returns whether anything changed. Remote
    /// shards are asked all at once: one round trip in all, not one per shard.
    func refresh(force: Bool = true) throws -> Bool {
        if foldersReplaced {
            try reconnect()
            return true
        }
        guard hasRemote else { return try database.reopen() }
        let asksRemote = force || Date().timeIntervalSince(remoteRefreshed) >= Self.remoteRefreshInterval
        if asksRemote { remoteRefreshed = Date() }
        return try concurrently { [members, remoteMembers] in
            try asksRemote || !remoteMembers[$0] ? members[$0].reopen() : false
        }.contains(true)
    }

    /// Opens each shard and joins them; unreachable ones are an error unless partial results are allowed.
    private static func open(_ shards: [Shard], allowPartial: Bool, timeout: Double) throws -> (XapianDatabase, [XapianDatabase], [Bool], [Shard]) {
        var members: [XapianDatabase] = []
        var remote: [Bool] = []
        var down: [Shard] = []
        for shard in shards {
            do {
                members.append(try shard.open(timeout: timeout))
                remote.append(shard.isRemote)
            } catch let error as PostSearchError where shards.count == 1 {
                throw error
            } catch {
                let xapian = error as? XapianError
                if shards.count == 1, xapian?.kind == .notFound { throw PostSearchError.indexNotFound(path: shard.description) }
                guard allowPartial else {
                    throw PostSearchError.indexUnavailable(path: shard.description, reason: xapian?.message ?? "\(error)")
                }
                down.append(shard)
            }
        }
        guard let first = members.first else {
            throw PostSearchError.indexUnavailable(path: shards.map(\.description).joined(separator: ", "), reason: "no shard could be reached")
        }
        guard members.count > 1 else { return (first, members, remote, down) }
        let combined = try XapianDatabase()
        for member in members { try combined.add(member) }
        return (combined, members, remote, down)
    }
}
