/// The databases behind one or more index paths (folders, stub files, folders of shards),
/// opened and joined into one Xapian database that searches them all as one.
///
/// A shard that cannot be reached is an error naming it, or with `allowPartial` is left out
/// (and listed in `unavailable`). Local folders are watched by identity: one replaced by
/// compaction is opened afresh.
final class ShardSet {
    let shards: [Shard]
    /// The paths as given, for messages.
    let path: String
    private(set) var database: XapianDatabase
    private(set) var unavailable: [Shard] = []
    private var folders: [FolderIdentity?]
    /// Whether shards that cannot be reached are left out rather than an error.
    let allowsPartial: Bool
    private let timeout: Double

    var hasRemote: Bool { shards.contains(where: \.isRemote) }

    init(paths: [String], allowPartial: Bool, timeout: Double) throws {
        precondition(!paths.isEmpty, "at least one index path")
        path = paths.joined(separator: ", ")
        shards = try paths.flatMap { try Shard.list($0) }
        self.allowsPartial = allowPartial
        self.timeout = timeout
        folders = shards.map(FolderIdentity.init)
        (database, unavailable) = try Self.open(shards, allowPartial: allowPartial, timeout: timeout)
    }

    /// Whether a local folder was replaced (or went away) since it was opened.
    var foldersReplaced: Bool { shards.map(FolderIdentity.init) != folders }

    /// Opens every shard again (after one stopped answering, or a folder was replaced).
    func reconnect() throws {
        folders = shards.map(FolderIdentity.init)
        (database, unavailable) = try Self.open(shards, allowPartial: allowsPartial, timeout: timeout)
    }

    /// Moves to the latest committed state; returns whether anything changed.
    func refresh() throws -> Bool {
        if foldersReplaced {
            try reconnect()
            return true
        }
        return try database.reopen()
    }

    /// Opens each shard and joins them; unreachable ones are an error unless partial results are allowed.
    private static func open(_ shards: [Shard], allowPartial: Bool, timeout: Double) throws -> (XapianDatabase, [Shard]) {
        var combined: XapianDatabase?
        var down: [Shard] = []
        for shard in shards {
            do {
                let database = try shard.open(timeout: timeout)
                if let combined { try combined.add(database) } else { combined = database }
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
        guard let combined else {
            throw PostSearchError.indexUnavailable(path: shards.map(\.description).joined(separator: ", "), reason: "no shard could be reached")
        }
        return (combined, down)
    }
}
