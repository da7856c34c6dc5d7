import Foundation

/// One post of an archive: the unit postsearch indexes, finds and returns.
///
/// ```swift
/// let post = Post(id: "2021/meeting.txt", title: "Ministerial meeting", date: PostDate("2021-06-19"),
///                 authors: ["admin-iisg"], categories: ["Activities"], body: "The Ministry …")
/// ```
public struct Post: Codable, Sendable, Equatable {
    /// Stable identity: re-indexing a post with the same id replaces it.
    public var id: String
    public var title: String
    /// The day (and time, when the source had one) the post was published, as the site showed it.
    public var date: PostDate?
    public var authors: [String]
    public var categories: [String]
    public var tags: [String]
    /// Plain text.
    public var body: String
    public var url: String?
    /// A language code as the source gave it ("en", "sl", …), when it gave one.
    public var language: String?
    /// A short summary as the source gave it (WXR excerpt, front matter `summary`, meta description, …).
    public var excerpt: String?
    /// The featured image's URL.
    public var image: String?
    /// Custom fields by name (WordPress taxonomies other than categories and tags, front-matter
    /// keys asked for with `--field`, Zola taxonomies): kept with the post, not searched.
    public var fields: [String: [String]]
    /// The body's headings, paragraphs, list items, … when it came from HTML or Markdown.
    public var blocks: [PostBlock]

    public init(id: String, title: String, date: PostDate? = nil, authors: [String] = [], categories: [String] = [],
                tags: [String] = [], body: String = "", url: String? = nil, language: String? = nil,
                excerpt: String? = nil, image: String? = nil, fields: [String: [String]] = [:], blocks: [PostBlock] = []) {
        self.id = id
        self.title = title
        self.date = date
        self.authors = authors
        self.categories = categories
        self.tags = tags
        self.body = body
        self.url = url
        self.language = language
        self.excerpt = excerpt
        self.image = image
        self.fields = fields
        self.blocks = blocks
    }

    enum CodingKeys: String, CodingKey {
        case id, title, date, authors, categories, tags, body, url, language, excerpt, image, fields, blocks
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        date = try c.decodeIfPresent(PostDate.self, forKey: .date)
        authors = try c.decodeIfPresent([String].self, forKey: .authors) ?? []
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        body = try c.decodeIfPresent(String.self, forKey: .body) ?? ""
        url = try c.decodeIfPresent(String.self, forKey: .url)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        excerpt = try c.decodeIfPresent(String.self, forKey: .excerpt)
        image = try c.decodeIfPresent(String.self, forKey: .image)
        fields = try c.decodeIfPresent([String: [String]].self, forKey: .fields) ?? [:]
        blocks = try c.decodeIfPresent([PostBlock].self, forKey: .blocks) ?? []
    }
}

extension Post {
    /// A post as the index stores it (its JSON, `writeJSON`).
    init(storedData data: [UInt8]) throws {
        if let post = StoredPostReader.read(data) {
            self = post
            return
        }
        do {
            self = try JSONDecoder().decode(Post.self, from: Data(data))
        } catch {
            throw PostSearchError.internalError("a stored post is not readable JSON (\(error)); re-index it")
        }
    }

    /// The post as one JSON object, fields in a fixed order (the document data in the index,
    /// `GET /posts/{id}` and `postsearch export`): what a hit shows, then the excerpt, image,
    /// custom fields (names sorted, so the same post always gives the same bytes), blocks and body.
    public func writeJSON(to writer: inout JSONWriter, includeBody: Bool = true) {
        writer.beginObject()
        writeFields(to: &writer)
        writer.key("excerpt"); if let excerpt { writer.string(excerpt) } else { writer.null() }
        writer.key("image"); if let image { writer.string(image) } else { writer.null() }
        writeCustomFields(to: &writer)
        writer.key("blocks")
        writer.beginArray()
        for block in blocks {
            writer.beginArray()
            writer.string(block.kind.rawValue)
            writer.int(block.start)
            writer.int(block.end)
            writer.endArray()
        }
        writer.endArray()
        if includeBody { writer.key("body"); writer.string(body) }
        writer.endObject()
    }

    /// `"fields": {…}`, names sorted (so the same post always gives the same bytes).
    public func writeCustomFields(to writer: inout JSONWriter) {
        writer.key("fields")
        writer.beginObject()
        for name in fields.keys.sorted() {
            writer.key(name)
            writer.strings(fields[name]!)
        }
        writer.endObject()
    }

    /// Every field but the body, as keys of the object being written (search hits add theirs).
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("id"); writer.string(id)
        writer.key("title"); writer.string(title)
        writer.key("date"); if let date { writer.string(date.description) } else { writer.null() }
        writer.key("authors"); writer.strings(authors)
        writer.key("categories"); writer.strings(categories)
        writer.key("tags"); writer.strings(tags)
        writer.key("url"); if let url { writer.string(url) } else { writer.null() }
        writer.key("language"); if let language { writer.string(language) } else { writer.null() }
    }
}
