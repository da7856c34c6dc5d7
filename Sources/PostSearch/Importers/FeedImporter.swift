import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads RSS 2.0 (and RSS 1.0) and Atom feeds, Blogger's Atom export among them, streaming as
/// the WordPress export reader does and behind the same guards (`XMLInput`).
///
/// RSS: `guid` (else `link`) is the id, `pubDate` (RFC 822) or `dc:date` the date,
/// `content:encoded` else `description` the body (the description is then the excerpt),
/// `dc:creator`/`author` the authors, `category` the categories, the channel's `language`.
/// Atom: `id` (else the alternate link), `published` else `updated`, `content` else `summary`,
/// `author/name`, `category term`, `xml:lang`. Blogger's export holds comments, settings and
/// the template too: only entries whose `…#kind` category is `…#post` are posts.
public enum FeedImporter {
    public enum Format: Sendable { case rss, atom }

    /// Which XML documents are what, judged from the first element: `<rss>` of a WordPress
    /// export (it declares WordPress's export namespace), `<rss>` or `<rdf:RDF>` of a feed,
    /// `<feed>`, or something else.
    public enum XMLKind: Equatable, Sendable {
        case wordPressExport, feed(Format), sitemap, other(String)
    }

    public static func kind(ofXML head: Data) -> XMLKind {
        guard let root = XMLInput.rootElement(of: head) else { return .other("no element") }
        switch root.name {
        case "rss":
            let prolog = String(decoding: head.prefix(XMLInput.prologLimit), as: UTF8.self)
            return prolog.contains("wordpress.org/export/") ? .wordPressExport : .feed(.rss)
        case "rdf:RDF": return .feed(.rss)
        case "feed": return .feed(.atom)
        case "urlset", "sitemapindex": return .sitemap
        default: return .other(root.name)
        }
    }

    public static func read(file: String, format: Format, options: ImportOptions,
                            handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        try XMLInput.read(file: file, handle: handle) { parser, handle in
            try run(parser, format: format, file: file, options: options, handle: handle)
        }
    }

    public static func read(data: Data, file: String, format: Format, options: ImportOptions,
                            handle: (Result<Post, ImportFailure>, Int) throws -> Void) throws {
        try XMLInput.read(data: data, file: file, handle: handle) { parser, handle in
            try run(parser, format: format, file: file, options: options, handle: handle)
        }
    }

    private static func run(_ parser: XMLParser, format: Format, file: String, options: ImportOptions,
                            handle: @escaping XMLInput.Handle) throws {
        switch format {
        case .rss:
            let collector = RSSFeedCollector(file: file, options: options, parser: parser, handle: handle)
            try XMLInput.run(parser, collector: collector, file: file, document: "RSS feed",
                             root: collector.rootName == "rdf:RDF" ? "rdf:RDF" : "rss", handle: handle)
        case .atom:
            try XMLInput.run(parser, collector: AtomFeedCollector(file: file, options: options, parser: parser, handle: handle),
                             file: file, document: "Atom feed", root: "feed", handle: handle)
        }
    }
}

/// One entry of a feed as read, before it becomes a post.
struct FeedEntry {
    var id: String?
    var link: String?
    var title = ""
    var titleIsHTML = true
    var published: PostDate?
    var updated: PostDate?
    var authors: [String] = []
    var categories: [String] = []
    var content: String?
    var contentIsHTML = true
    var summary: String?
    var summaryIsHTML = true
    var image: String?
    var language: String?
    var line = 0

    /// The post, or why the entry cannot be one.
    func post(file: String, options: ImportOptions) -> Result<Post, ImportFailure> {
        guard let id = (id ?? link)?.trimmingWhitespace(), !id.isEmpty else {
            return .failure(ImportFailure(file: file, line: line, reason: "entry has no id, guid or link"))
        }
        func text(_ value: String?, html: Bool) -> (String, [PostBlock]) {
            guard let value else { return ("", []) }
            return html ? HTMLText.plainTextAndBlocks(value) : (HTMLText.tidy(value), [])
        }
        let (body, blocks) = text(content ?? summary, html: content != nil ? contentIsHTML : summaryIsHTML)
        let excerpt = content != nil ? text(summary, html: summaryIsHTML).0 : ""
        var authors: [String] = []
        for author in self.authors.flatMap(Self.names) where !authors.contains(author) { authors.append(author) }
        var categories: [String] = []
        for category in self.categories.map({ HTMLText.plainText($0) }) where !category.isEmpty && !categories.contains(category) {
            categories.append(category)
        }
        return .success(Post(
            id: id,
            title: titleIsHTML ? HTMLText.plainText(title) : HTMLText.tidy(title),
            date: published ?? updated,
            authors: authors,
            categories: categories,
            body: body,
            url: link?.trimmingWhitespace(),
            language: language ?? options.defaultLanguage,
            excerpt: excerpt.isEmpty ? nil : excerpt,
            image: image,
            blocks: blocks
        ))
    }

    /// An author as feeds write one: a name, `mail@example.org (Name)`, or (jekyll-feed) a
    /// list rendered as one string, `["ana", "bo"]`.
    static func names(_ raw: String) -> [String] {
        let text = raw.trimmingWhitespace()
        if text.hasPrefix("["), text.hasSuffix("]") {
            return text.dropFirst().dropLast().split(separator: ",")
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t\n")) }.filter { !$0.isEmpty }
        }
        if let open = text.firstIndex(of: "("), text.hasSuffix(")"), text[..<open].contains("@") {
            let name = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return [name] }
        }
        return text.isEmpty ? [] : [text]
    }
}
