/// Keys of the index metadata postsearch keeps beside the posts: per-file stamps
/// (`postsearch:file:<path>`) and live sites' high-water marks (`postsearch:source:<url>`).
/// Metadata keys are terms to Xapian (at most 245 bytes): a long name keeps a readable head and
/// a hash of the whole.
enum IndexMetadataKey {
    static let filePrefix = "postsearch:file:"
    static let sourcePrefix = "postsearch:source:"

    static func key(_ prefix: String, _ name: String) -> String {
        guard prefix.utf8.count + name.utf8.count > 200 else { return prefix + name }
        return prefix + Schema.truncatedUTF8(name, maxBytes: 150) + "#" + String(Schema.fnv1a64(name), radix: 16)
    }
}
