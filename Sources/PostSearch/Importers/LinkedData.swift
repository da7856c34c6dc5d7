import Foundation

/// What a page's JSON-LD (`<script type="application/ld+json">`, schema.org) says about the
/// post: the first object of an article type (or any with `datePublished`), looked for at the
/// top level, in arrays and in `@graph`.
struct LinkedData {
    var headline: String?
    var datePublished: String?
    var authors: [String] = []
    var keywords: [String] = []
    var section: [String] = []
    var image: String?
    var description: String?
    var types: Set<String> = []

    private static let articleTypes: Set<String> = ["Article", "BlogPosting", "NewsArticle", "TechArticle", "Report",
                                                    "ScholarlyArticle", "SocialMediaPosting", "LiveBlogPosting", "Posting"]

    init(scripts: [String]) {
        var candidates: [[String: Any]] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                candidates.append(object)
                if let graph = object["@graph"] { collect(graph) }
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        for script in scripts {
            // CDATA wrappers and HTML comments around the JSON are common.
            let json = script.replacingOccurrences(of: "<![CDATA[", with: "").replacingOccurrences(of: "]]>", with: "")
                .replacingOccurrences(of: "<!--", with: "").replacingOccurrences(of: "-->", with: "")
            if let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) { collect(value) }
        }
        for object in candidates { types.formUnion(Self.strings(object["@type"])) }
        guard let article = candidates.first(where: { !Self.articleTypes.isDisjoint(with: Self.strings($0["@type"])) })
                ?? candidates.first(where: { $0["datePublished"] != nil }) else { return }
        headline = Self.strings(article["headline"] ?? article["name"]).first
        datePublished = Self.strings(article["datePublished"] ?? article["dateCreated"]).first
        authors = Self.names(article["author"] ?? article["creator"])
        keywords = Self.strings(article["keywords"]).flatMap { $0.split(separator: ",").map { String($0).trimmingWhitespace() } }.filter { !$0.isEmpty }
        section = Self.strings(article["articleSection"])
        image = Self.names(article["image"], key: "url").first
        description = Self.strings(article["description"]).first
    }

    private static func strings(_ value: Any?) -> [String] {
        switch value {
        case let text as String: return [text.trimmingWhitespace()].filter { !$0.isEmpty }
        case let array as [Any]: return array.flatMap { strings($0) }
        default: return []
        }
    }

    /// `"Ana"`, `{"name": "Ana"}`, or a list of either.
    private static func names(_ value: Any?, key: String = "name") -> [String] {
        switch value {
        case let text as String: return strings(text)
        case let object as [String: Any]: return strings(object[key])
        case let array as [Any]: return array.flatMap { names($0, key: key) }
        default: return []
        }
    }
}
