/// What an import takes besides published posts.
public struct ImportOptions: Sendable, Equatable {
    /// WordPress pages (`wp:post_type` = page) as well as posts.
    public var includePages = false
    /// Drafts, pending, private and future posts (WXR statuses other than `publish`; Markdown
    /// `draft: true`).
    public var includeDrafts = false
    /// The language given with `--language`, for posts whose source names none.
    public var defaultLanguage: String?

    public init(includePages: Bool = false, includeDrafts: Bool = false, defaultLanguage: String? = nil) {
        self.includePages = includePages
        self.includeDrafts = includeDrafts
        self.defaultLanguage = defaultLanguage
    }
}
