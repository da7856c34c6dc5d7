import Foundation

/// The databases an index path stands for: a database folder, a Xapian stub file (lines
/// `auto PATH`, `remote HOST:PORT`, `remote :PROGRAM ARGS`), or a folder holding a stub named
/// `XAPIANDB` (as `postsearch index --shards N` writes). Each shard is opened on its own, so a
/// shard that is down can be named, and left out when partial results are allowed.
public enum Shard: Equatable, Sendable, CustomStringConvertible {
    case local(String)
    case remote(host: String, port: Int)
    case program(String, arguments: String)

    public var description: String {
        switch self {
        case .local(let path): path
        case .remote(let host, let port): "remote \(host):\(port)"
        case .program(let program, let arguments): "remote :\(program) \(arguments)"
        }
    }

    /// The shards `path` stands for.
    public static func list(_ path: String) throws -> [Shard] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PostSearchError.indexNotFound(path: path)
        }
        if isDirectory.boolValue {
            let stub = (path as NSString).appendingPathComponent("XAPIANDB")
            return FileManager.default.fileExists(atPath: stub) ? try parseStub(stub, relativeTo: path) : [.local(path)]
        }
        return try parseStub(path, relativeTo: Paths.parent(of: path))
    }

    static func parseStub(_ file: String, relativeTo folder: String) throws -> [Shard] {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw PostSearchError.indexUnavailable(path: file, reason: "cannot read the stub file")
        }
        var shards: [Shard] = []
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            func bad(_ why: String) -> PostSearchError {
                .indexUnavailable(path: file, reason: "line \(number + 1) of the stub file: \(why)")
            }
            guard parts.count == 2 else { throw bad("expected `auto PATH` or `remote HOST:PORT`") }
            switch parts[0] {
            case "auto", "glass", "chert", "honey":
                let target = parts[1].hasPrefix("/") ? parts[1] : (folder as NSString).appendingPathComponent(parts[1])
                shards.append(.local(target))
            case "remote":
                let target = parts[1]
                if target.hasPrefix(":") {
                    let program = target.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
                    shards.append(.program(program[0], arguments: program.count > 1 ? program[1] : ""))
                } else if let colon = target.lastIndex(of: ":"), let port = Int(target[target.index(after: colon)...]) {
                    shards.append(.remote(host: String(target[..<colon]), port: port))
                } else {
                    throw bad("write `remote HOST:PORT`")
                }
            default:
                throw bad("unknown database type \"\(parts[0])\"")
            }
        }
        guard !shards.isEmpty else { throw PostSearchError.indexUnavailable(path: file, reason: "the stub file lists no database") }
        return shards
    }

    /// Opens this shard alone.
    func open(timeout: Double) throws -> XapianDatabase {
        switch self {
        case .local(let path):
            guard FileManager.default.fileExists(atPath: path) else { throw PostSearchError.indexNotFound(path: path) }
            return try XapianDatabase(path: path)
        case .remote(let host, let port): return try XapianDatabase(host: host, port: port, timeout: timeout)
        case .program(let program, let arguments): return try XapianDatabase(program: program, arguments: arguments, timeout: timeout)
        }
    }

    var isRemote: Bool {
        if case .local = self { return false }
        return true
    }
}
