import Foundation

/// The WordPress REST API of a site: posts in order of modification, `pageSize` a request,
/// the pages after the first fetched side by side; only those modified after the last run's mark.
struct WordPressRESTSource {
    let site: URL
    let client: PoliteHTTPClient
    let options: ImportOptions
    let pageSize: Int

    init(site: URL, client: PoliteHTTPClient, options: ImportOptions, pageSize: Int) {
        self.site = site
        self.client = client
        self.options = options
        self.pageSize = max(1, min(100, pageSize))
    }

    func postsURL(page: Int, after mark: String?, fields: String? = nil) -> URL {
        var components = URLComponents(url: site.appendingPathComponent("wp-json/wp/v2/posts"), resolvingAgainstBaseURL: false)!
        var query = [URLQueryItem(name: "per_page", value: String(pageSize)), URLQueryItem(name: "page", value: String(page)),
                     URLQueryItem(name: "orderby", value: "modified"), URLQueryItem(name: "order", value: "asc")]
        if let fields { query.append(URLQueryItem(name: "_fields", value: fields)) } else { query.append(URLQueryItem(name: "_embed", value: "1")) }
        if let mark { query.append(URLQueryItem(name: "modified_after", value: mark)) }
        components.queryItems = query
        return components.url!
    }

    /// The first page of posts changed after the mark, when the site has the API: it answers
    /// there with JSON (WordPress says so in its headers, even when the body is broken).
    func firstPage(after mark: String?) -> PoliteHTTPClient.Response? {
        guard let response = try? client.get(postsURL(page: 1, after: mark)), response.ok else { return nil }
        let isJSON = (response.headers["content-type"] ?? "").contains("json") || response.headers["x-wp-total"] != nil
        return isJSON ? response : nil
    }

    func read(firstPage: PoliteHTTPClient.Response, after mark: String?, listAll: Bool,
              handle: (ArchiveReader.Item) throws -> Void) throws -> LiveSite.Outcome {
        var outcome = LiveSite.Outcome(source: "WordPress REST API")
        let pages = max(1, Int(firstPage.headers["x-wp-totalpages"] ?? "") ?? 1)
        let rest = client.getAll((1..<pages).map { postsURL(page: $0 + 1, after: mark) })
        var newest = mark
        var complete = true
        for (offset, result) in ([Result<PoliteHTTPClient.Response, Error>.success(firstPage)] + rest).enumerated() {
            let url = postsURL(page: offset + 1, after: mark)
            outcome.documents += 1
            guard let objects = try posts(in: result, url: url, handle: handle) else {
                // Posts on a page that failed are older than those after it: the mark stays before them.
                complete = false
                continue
            }
            for object in objects {
                try handle(item(WordPressRESTPost.post(from: object, file: url.absoluteString, options: options), url: url))
                if complete, let modified = WordPressRESTPost.modified(object), modified > (newest ?? "") { newest = modified }
            }
        }
        outcome.mark = newest
        if listAll { outcome.listed = try listAllPosts(handle: handle) }
        return outcome
    }

    /// The post objects of one page, or nil (reported) when it failed.
    private func posts(in result: Result<PoliteHTTPClient.Response, Error>, url: URL,
                       handle: (ArchiveReader.Item) throws -> Void) throws -> [[String: Any]]? {
        switch result {
        case .failure(let error):
            try handle(.failure(ImportFailure(url: url, error)))
            return nil
        case .success(let response) where !response.ok:
            try handle(.failure(ImportFailure(file: url.absoluteString, reason: "HTTP \(response.status)")))
            return nil
        case .success(let response):
            guard let objects = (try? JSONSerialization.jsonObject(with: response.body)) as? [[String: Any]] else {
                try handle(.failure(ImportFailure(file: url.absoluteString, reason: "not a JSON array of posts (malformed JSON?)")))
                return nil
            }
            return objects
        }
    }

    private func item(_ result: Result<Post, ImportFailure>, url: URL) -> ArchiveReader.Item {
        switch result {
        case .success(let post): .post(ArchiveReader.ImportedPost(post: post, file: url.absoluteString, line: nil, source: site.absoluteString))
        case .failure(let failure): .failure(failure)
        }
    }

    /// The ids (and links) of every post the site lists now, asking only for those fields;
    /// nil when a page could not be read (nothing is pruned then).
    private func listAllPosts(handle: (ArchiveReader.Item) throws -> Void) throws -> Set<String>? {
        let fields = "id,guid,link"
        let first = postsURL(page: 1, after: nil, fields: fields)
        guard let firstResponse = try? client.get(first), let firstObjects = try posts(in: .success(firstResponse), url: first, handle: handle) else {
            return nil
        }
        let pages = max(1, Int(firstResponse.headers["x-wp-totalpages"] ?? "") ?? 1)
        var listed: Set<String> = []
        var all = firstObjects
        for (offset, result) in client.getAll((1..<pages).map { postsURL(page: $0 + 1, after: nil, fields: fields) }).enumerated() {
            guard let objects = try posts(in: result, url: postsURL(page: offset + 2, after: nil, fields: fields), handle: handle) else { return nil }
            all += objects
        }
        for object in all {
            if let guid = (object["guid"] as? [String: Any])?["rendered"] as? String { listed.insert(guid.trimmingWhitespace()) }
            if let link = object["link"] as? String { listed.insert(link.trimmingWhitespace()) }
            if let id = object["id"] as? NSNumber { listed.insert("wp-post-\(id)") }
        }
        return listed
    }
}
