import Foundation

/// A local shard's folder as found on disk (device and inode). Compaction puts a new folder in
/// place of the old one, which Xapian's reopen cannot follow: a reader that sees another
/// identity opens the folder afresh.
struct FolderIdentity: Equatable {
    let device: UInt64, inode: UInt64

    /// Nil for remote shards and missing folders.
    init?(_ shard: Shard) {
        guard case .local(let path) = shard else { return nil }
        self.init(path: path)
    }

    /// Nil when nothing is at `path`.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The stub file an index path stands for (the path itself, or the `XAPIANDB` in its folder),
    /// nil for a plain database folder: a replica's stub, which `xapian-replicate` rewrites to
    /// point at a fresh copy, is then read afresh.
    static func stub(of path: String) -> FolderIdentity? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return FolderIdentity(path: isDirectory.boolValue ? (path as NSString).appendingPathComponent("XAPIANDB") : path)
    }
}
