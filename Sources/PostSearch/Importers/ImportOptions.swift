/// What an import takes besides published posts.
public struct ImportOptions: Sendable, Equatable {
    /// WordPress pages (`wp:post_type` = page) as well as posts.
    public var includePages = false
    /// Drafts, pending, private and future posts (WXR statuses other than `publish`; Markdown
    /// `draft: true`).
    public var includeDrafts = false
    /// The language given with `--language`, for posts whose source names none.
    public var defaultLanguage: String?
    /// Front-matter keys kept as custom fields of the post (`--field NAME`).
    public var fields: [String] = []
    /// The site's address, to make URLs of HTML pages that name no canonical one (`--base-url`).
    public var baseURL: String?

    public init(includePages: Bool = false, includeDrafts: Bool = false, defaultLanguage: String? = nil,
                fields: [String] = [], baseURL: String? = nil) {
        self.includePages = includePages
        self.includeDrafts = includeDrafts
        self.defaultLanguage = defaultLanguage
        self.fields = fields
        self.baseURL = baseURL
    }

    /// What changes the posts read from an unchanged file: part of each file's stamp, so that a
    /// rerun with other options reads the files again.
    var fingerprint: String {
        var parts = [includePages ? "pages" : "", includeDrafts ? "drafts" : "", defaultLanguage ?? "", baseURL ?? ""]
        parts += fields.sorted()
        return String(Schema.fnv1a64(parts.joined(separator: "\u{1}")), radix: 16)
    }
}
