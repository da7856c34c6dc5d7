import Foundation

/// A local shard's folder as found on disk (device and inode). Compaction puts a new folder in
/// place of the old one, which Xapian's reopen cannot follow: a reader that sees another
/// identity opens the folder afresh.
struct FolderIdentity: Equatable {
    let device: UInt64, inode: UInt64

    /// Nil for remote shards and missing folders.
    init?(_ shard: Shard) {
        guard case .local(let path) = shard else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
