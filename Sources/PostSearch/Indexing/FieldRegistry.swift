import Foundation

/// The index's schema as the import grows it: a custom field is registered when a post first
/// carries it. Shared by the thread that analyses posts and the one that writes and commits.
final class FieldRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var schema: IndexSchema

    init(_ schema: IndexSchema) {
        self.schema = schema
    }

    var current: IndexSchema { lock.withLock { schema } }

    /// The schema with `post`'s custom fields registered (those that fit: valid names, at most
    /// `CustomFields.limit` in all).
    func schema(for post: Post) -> IndexSchema {
        lock.withLock {
            if !post.fields.isEmpty { schema = schema.adding(post.fields.keys.sorted()) }
            return schema
        }
    }
}
