import Foundation
#if canImport(Glibc)
import Glibc

/// Tells when anything changes under some paths (Linux inotify): every folder below a given
/// folder is watched, folders created later too; a given file is watched through its folder
/// (editors replace files by renaming a new one over them, which a watch on the file misses).
public final class FileWatcher {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private static let events = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                       | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    public init(paths: [String]) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw PostSearchError.internalError("inotify: \(String(cString: strerror(errno)))") }
        for path in paths {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if exists && isDirectory.boolValue { watchTree(path) } else { watch(Paths.parent(of: ArchiveReader.absolutePath(path))) }
        }
    }

    deinit { close(descriptor) }

    private func watch(_ folder: String) {
        let watchDescriptor = inotify_add_watch(descriptor, folder.isEmpty ? "." : folder, Self.events)
        if watchDescriptor >= 0 { folders[watchDescriptor] = folder }
    }

    private func watchTree(_ folder: String) {
        watch(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return }
        while let relative = enumerator.nextObject() as? String {
            if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                watch((folder as NSString).appendingPathComponent(relative))
            }
        }
    }

    /// Waits up to `timeout` seconds for changes; true when some came (all pending ones are
    /// read, and new folders are watched too).
    public func waitForChanges(timeout: Double) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(max(0, timeout * 1000))) > 0 else { return false }
        var changed = false
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { break }
            var offset = 0
            while offset < count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let headerSize = MemoryLayout<inotify_event>.size
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, event.len > 0,
                   let folder = folders[event.wd] {
                    let name = String(cString: (buffer + offset + headerSize).assumingMemoryBound(to: CChar.self))
                    watchTree((folder as NSString).appendingPathComponent(name))
                }
                changed = true
                offset += headerSize + Int(event.len)
            }
        }
        return changed
    }
}
#endif
