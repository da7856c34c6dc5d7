import CFileSystem
import Foundation

/// Puts one folder in place of another in a single step, so a reader opening the index sees the
/// old folder or the new one, never neither.
enum FolderSwap {
    /// Swaps `a` and `b` (Linux `RENAME_EXCHANGE`); where the file system cannot, renames twice
    /// (a reader opening the index in between would find no index for a moment).
    static func exchange(_ a: String, _ b: String) throws {
        var status = pse_exchange_paths(a, b)
        if status == EINVAL || status == ENOSYS {
            let aside = a + ".old"
            status = rename(a, aside) == 0 && rename(b, a) == 0 && rename(aside, b) == 0 ? 0 : errno
        }
        guard status == 0 else {
            throw PostSearchError.indexWriteFailed(path: a, reason: "cannot put the new copy in place: \(String(cString: strerror(status)))")
        }
    }
}
