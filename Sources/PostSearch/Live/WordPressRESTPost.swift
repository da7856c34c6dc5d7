import Foundation

/// One post object of the WordPress REST API (`/wp-json/wp/v2/posts`, with `_embed` for its
/// author, terms and featured image), as a post: the same id (`guid`), date (the site's local
/// `date`) and fields as the export (WXR) reader gives the same post.
enum WordPressRESTPost {
    static func post(from object: [String: Any], file: String, options: ImportOptions) -> Result<Post, ImportFailure> {
        func rendered(_ key: String) -> String? {
            if let text = object[key] as? String { return text }
            return (object[key] as? [String: Any])?["rendered"] as? String
        }
        let link = (object["link"] as? String)?.trimmingWhitespace()
        guard let id = [rendered("guid"), link, (object["id"] as? NSNumber).map { "wp-post-\($0)" }]
                .compactMap({ $0?.trimmingWhitespace() }).first(where: { !$0.isEmpty }) else {
            return .failure(ImportFailure(file: file, reason: "a post object without guid, link or id"))
        }
        let embedded = object["_embedded"] as? [String: Any] ?? [:]
        let authors = (embedded["author"] as? [[String: Any]] ?? []).compactMap { ($0["name"] as? String)?.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        var categories: [String] = [], tags: [String] = [], fields: [String: [String]] = [:]
        // `wp:term` is a list of lists of terms, one list per taxonomy.
        for term in (embedded["wp:term"] as? [Any] ?? []).compactMap({ $0 as? [Any] }).joined().compactMap({ $0 as? [String: Any] }) {
            guard let name = (term["name"] as? String).map({ HTMLText.plainText($0) }), !name.isEmpty,
                  let taxonomy = term["taxonomy"] as? String else { continue }
            switch taxonomy {
            case "category": if !categories.contains(name) { categories.append(name) }
            case "post_tag": if !tags.contains(name) { tags.append(name) }
            case "post_format": break
            default: if !(fields[taxonomy]?.contains(name) ?? false) { fields[taxonomy, default: []].append(name) }
            }
        }
        let image = ((embedded["wp:featuredmedia"] as? [Any])?.first as? [String: Any])?["source_url"] as? String
        let (body, blocks) = HTMLText.plainTextAndBlocks(rendered("content") ?? "")
        let excerpt = HTMLText.plainText(rendered("excerpt") ?? "")
        let dateText = (object["date"] as? String) ?? (object["date_gmt"] as? String).map { $0 + "Z" }
        return .success(Post(
            id: id,
            title: HTMLText.plainText(rendered("title") ?? ""),
            date: dateText.flatMap(PostDate.init),
            authors: authors,
            categories: categories,
            tags: tags,
            body: body,
            url: link,
            language: options.defaultLanguage,
            excerpt: excerpt.isEmpty ? nil : excerpt,
            image: image,
            fields: fields,
            blocks: blocks
        ))
    }

    /// When the post last changed, as the site wrote it (comparable as text: ISO 8601 local time).
    static func modified(_ object: [String: Any]) -> String? {
        (object["modified"] as? String) ?? (object["date"] as? String)
    }
}
