import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads WordPress export files (WXR 1.0–1.2, `http` or `https` namespaces, CDATA or plain
/// values), streaming: memory does not grow with the file.
///
/// By default only published posts (`wp:post_type` = post, `wp:status` = publish) are read.
/// Authors are display names (found through `dc:creator`'s login); categories and tags come from
/// `<category domain=…>`; the id is the `guid` (the `link`, then `wp:post_id`, when an export
/// repeats a guid); the date is `wp:post_date` (the day the site showed), else `wp:post_date_gmt`;
/// the body is `content:encoded` as plain text.
public enum WXRImporter {
    public static let fileExtensions: Set<String> = ["xml"]

    /// Calls `handle` with each post (or failure) and the line its `<item>` starts on.
    /// A file that is not well-formed XML ends with a failure naming its line and column.
    public static func read(file: String, options: ImportOptions,
                            handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        try XMLInput.read(file: file, handle: handle) { parser, handle in
            try XMLInput.run(parser, collector: WXRCollector(file: file, options: options, parser: parser, handle: handle),
                             file: file, document: "WordPress export", root: "rss", handle: handle)
        }
    }

    /// The same, from bytes in memory (an export inside a tar archive).
    public static func read(data: Data, file: String, options: ImportOptions,
                            handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        try XMLInput.read(data: data, file: file, handle: handle) { parser, handle in
            try XMLInput.run(parser, collector: WXRCollector(file: file, options: options, parser: parser, handle: handle),
                             file: file, document: "WordPress export", root: "rss", handle: handle)
        }
    }
}

/// The SAX delegate: gathers one `<item>` at a time.
private final class WXRCollector: XMLPostCollector {
    let options: ImportOptions

    private var channelLanguage: String?
    private var authorNames: [String: String] = [:]
    private var pendingLogin: String?, pendingDisplayName: String?
    private var item: [String: String]?
    private var itemLine = 0
    private var itemCategories: [(domain: String, name: String)] = []
    private var itemMeta: [String: String] = [:]
    private var pendingMetaKey: String?
    private var categoryDomain = ""
    private var seenIDs: Set<String> = []
    /// Attachment URLs by post id, for featured images (`_thumbnail_id`).
    private var attachmentURLs: [String: String] = [:]
    /// Posts whose featured image is an attachment further down the export: held until it comes.
    private var waitingForImage: [(post: Post, thumbnail: String, line: Int)] = []
    private static let maxWaitingForImage = 2_000

    init(file: String, options: ImportOptions, parser: XMLParser, handle: @escaping XMLInput.Handle) {
        self.options = options
        super.init(file: file, parser: parser, handle: handle)
    }

    override func start(_ name: String, attributes: [String: String]) {
        if name == "item", parent == "channel" {
            item = [:]
            itemCategories = []
            itemMeta = [:]
            itemLine = parser?.lineNumber ?? 0
        }
        if name == "category", item != nil, parent == "item" {
            categoryDomain = attributes["domain"] ?? "category"
        }
    }

    override func end(_ name: String) {
        if item != nil {
            if name == "item" {
                finishItem()
            } else if parent == "item" {
                if name == "category" {
                    itemCategories.append((categoryDomain, text.trimmingWhitespace()))
                } else if item![name] == nil {
                    item![name] = text
                }
            } else if parent == "wp:postmeta" {
                if name == "wp:meta_key" { pendingMetaKey = text.trimmingWhitespace() }
                if name == "wp:meta_value", let key = pendingMetaKey { itemMeta[key] = text.trimmingWhitespace() }
            }
            return
        }
        switch (parent, name) {
        case ("channel", "language"): channelLanguage = text.trimmingWhitespace()
        case ("wp:author", "wp:author_login"): pendingLogin = text.trimmingWhitespace()
        case ("wp:author", "wp:author_display_name"): pendingDisplayName = text.trimmingWhitespace()
        case (_, "wp:author"):
            if let login = pendingLogin, let display = pendingDisplayName, !display.isEmpty { authorNames[login] = display }
            pendingLogin = nil
            pendingDisplayName = nil
        default: break
        }
    }

    private func finishItem() {
        guard let fields = item else { return }
        item = nil
        let type = fields["wp:post_type"]?.trimmingWhitespace() ?? "post"
        let status = fields["wp:status"]?.trimmingWhitespace() ?? "publish"
        if type == "attachment", let id = fields["wp:post_id"]?.trimmingWhitespace(),
           let url = (fields["wp:attachment_url"] ?? fields["guid"])?.trimmingWhitespace(), !url.isEmpty {
            attachmentURLs[id] = url
            deliverPostsWaiting(for: id)
        }
        guard type == "post" || (options.includePages && type == "page") else { return }
        guard status == "publish" || (options.includeDrafts && ["draft", "pending", "private", "future"].contains(status)) else { return }
        let result = post(from: fields)
        if case .success(var post) = result, let thumbnail = itemMeta["_thumbnail_id"], thumbnail != "0", !thumbnail.isEmpty {
            if let url = attachmentURLs[thumbnail] {
                post.image = url
            } else if waitingForImage.count < Self.maxWaitingForImage {
                waitingForImage.append((post, thumbnail, itemLine))
                return
            }
            deliver(.success(post), line: itemLine)
            return
        }
        deliver(result, line: itemLine)
    }

    /// The export is over (or broke off): posts still waiting for an image go without one.
    override func documentEnded() {
        for waiting in waitingForImage { deliver(.success(waiting.post), line: waiting.line) }
        waitingForImage.removeAll()
    }

    private func deliverPostsWaiting(for attachment: String) {
        guard waitingForImage.contains(where: { $0.thumbnail == attachment }), let url = attachmentURLs[attachment] else { return }
        let (ready, rest) = (waitingForImage.filter { $0.thumbnail == attachment }, waitingForImage.filter { $0.thumbnail != attachment })
        waitingForImage = rest
        for var waiting in ready {
            waiting.post.image = url
            deliver(.success(waiting.post), line: waiting.line)
        }
    }

    private func post(from fields: [String: String]) -> Result<Post, ImportFailure> {
        func field(_ name: String) -> String? {
            guard let value = fields[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
            return value
        }
        // Exports repeat a guid for different posts: then the link, then the numeric id, tell them apart.
        let candidates = [field("guid"), field("link"), field("wp:post_id").map { "wp-post-\($0)" }].compactMap { $0 }
        guard let id = candidates.first(where: { !seenIDs.contains($0) }) ?? candidates.first else {
            return .failure(ImportFailure(file: file, line: itemLine, reason: "item has no guid, link or wp:post_id"))
        }
        seenIDs.insert(id)
        let login = field("dc:creator")
        let author = login.map { authorNames[$0] ?? $0 }
        var categories: [String] = [], tags: [String] = [], taxonomies: [String: [String]] = [:]
        for (domain, name) in itemCategories where !name.isEmpty {
            let plain = HTMLText.plainText(name)
            switch domain {
            case "category": if !categories.contains(plain) { categories.append(plain) }
            case "post_tag": if !tags.contains(plain) { tags.append(plain) }
            case "post_format": break
            // A site's own taxonomy (`series`, `mentions`, …): kept as a field of that name.
            default: if taxonomies[domain, default: []].contains(plain) == false { taxonomies[domain, default: []].append(plain) }
            }
        }
        let (body, blocks) = HTMLText.plainTextAndBlocks(fields["content:encoded"] ?? "")
        let excerpt = HTMLText.plainText(fields["excerpt:encoded"] ?? "")
        return .success(Post(
            id: id,
            title: HTMLText.plainText(field("title") ?? ""),
            date: date(local: field("wp:post_date"), gmt: field("wp:post_date_gmt")),
            authors: author.map { [$0] } ?? [],
            categories: categories,
            tags: tags,
            body: body,
            url: field("link"),
            language: channelLanguage ?? options.defaultLanguage,
            excerpt: excerpt.isEmpty ? nil : excerpt,
            fields: taxonomies,
            blocks: blocks
        ))
    }

    /// The site's local date, else the GMT one; WordPress writes 0000-00-00 for "none".
    private func date(local: String?, gmt: String?) -> PostDate? {
        if let local, !local.hasPrefix("0000"), let date = PostDate(local) { return date }
        if let gmt, !gmt.hasPrefix("0000"), let date = PostDate(gmt.replacingOccurrences(of: " ", with: "T") + "Z") { return date }
        return nil
    }
}
