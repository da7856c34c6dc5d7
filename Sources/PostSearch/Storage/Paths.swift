/// Path arithmetic on plain strings. (Foundation's `NSString.deletingLastPathComponent` stops the
/// process on some short relative paths on Linux, e.g. `i`.)
public enum Paths {
    /// The folder holding `path`: "" for a bare name, "/" for a top-level one; trailing slashes ignored.
    public static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
