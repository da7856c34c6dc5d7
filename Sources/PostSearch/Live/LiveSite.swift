import Foundation

/// How a live site is read (`postsearch index URL`).
public struct LiveSiteOptions: Sendable {
    /// Only posts changed (or, where the source has no such date, published) on or after this day.
    public var since: PostDate?
    public var http = PoliteHTTPClient.Settings()
    /// Posts asked for per REST request (WordPress allows up to 100).
    public var restPageSize = 100
    public init() {}
}

/// A running site, read through the first source it offers, in this order: the WordPress REST
/// API (`/wp-json/wp/v2/posts`, `_embed`ded authors, terms and images, paged by
/// `X-WP-TotalPages`, `modified_after` the last run's high-water mark), the feed its home page
/// links to, or its sitemap (robots.txt's `Sitemap:` lines, else `/sitemap.xml`; pages fetched
/// and read as HTML).
public struct LiveSite {
    /// What a read found.
    struct Outcome {
        var source = "nothing"
        /// The newest change seen, when everything up to it was read: where the next run starts.
        var mark: String?
        /// Every id or URL the site lists now, when asked for and known (for `--prune`).
        var listed: Set<String>?
        var documents = 0
        var warnings: [String] = []
    }

    let site: URL
    let client: PoliteHTTPClient
    let options: ImportOptions
    let live: LiveSiteOptions

    /// `https://blog.example` → `https://blog.example/`: the form recorded as the posts' source.
    static func normalized(_ address: String) -> URL? {
        guard var components = URLComponents(string: address.trimmingWhitespace()), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host?.isEmpty == false else { return nil }
        if !components.path.hasSuffix("/") { components.path += "/" }
        components.fragment = nil
        return components.url
    }

    /// Whether a path given to `postsearch index` is a site's address rather than a file.
    public static func isAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Reads what changed after `mark`; `listAll` also gathers what the site lists (for `--prune`).
    func read(after mark: String?, listAll: Bool, handle: (ArchiveReader.Item) throws -> Void) throws -> Outcome {
        let rest = WordPressRESTSource(site: site, client: client, options: options, pageSize: live.restPageSize)
        if let first = rest.firstPage(after: mark) {
            return try rest.read(firstPage: first, after: mark, listAll: listAll, handle: handle)
        }
        let home = try? client.get(site)
        if let home, home.ok, let feed = HTMLImporter.feedLinks(in: home.body).compactMap({ URL(string: $0, relativeTo: site)?.absoluteURL }).first {
            var outcome = try FeedSource(url: feed, site: site, client: client, options: options).read(after: mark, handle: handle)
            outcome.documents += 1
            if listAll { outcome.warnings.append("--prune does not apply to a feed: it lists only the newest posts") }
            return outcome
        }
        let sitemap = SitemapSource(site: site, client: client, options: options)
        if let listing = sitemap.find() {
            var outcome = try sitemap.read(listing, after: mark, listAll: listAll, handle: handle)
            outcome.documents += home == nil ? 0 : 1
            return outcome
        }
        try handle(.failure(ImportFailure(file: site.absoluteString, reason:
            "no WordPress REST API, no feed linked from the home page\(home.map { " (HTTP \($0.status))" } ?? "") and no sitemap found")))
        return Outcome()
    }
}

/// A failure naming the URL, as an import item.
extension ImportFailure {
    init(url: URL, _ error: Error) {
        self.init(file: url.absoluteString, reason: (error as? PoliteHTTPClient.Failure).map {
            String($0.description.dropFirst(url.absoluteString.count + 2))
        } ?? "\(error)")
    }
}
