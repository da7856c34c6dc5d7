import Foundation

/// A site's sitemap: the pages it lists whose `lastmod` is after the last run's mark (or that
/// give none), fetched a few at a time and read as HTML.
struct SitemapSource {
    let site: URL
    let client: PoliteHTTPClient
    let options: ImportOptions

    /// Sitemaps followed from an index, at most.
    static let maxSitemaps = 200
    /// Pages fetched and parsed before the next ones are asked for: bounds the bodies in memory.
    static let batch = 32

    /// The pages of the first sitemap found (robots.txt's `Sitemap:` lines, then the usual
    /// places), following sitemap indexes; nil when there is none.
    func find() -> [SitemapReader.Entry]? {
        let candidates = client.rules(for: site).sitemaps.compactMap { URL(string: $0) }
            + ["sitemap.xml", "sitemap_index.xml", "wp-sitemap.xml"].compactMap { URL(string: $0, relativeTo: site)?.absoluteURL }
        for candidate in candidates {
            if let pages = pages(from: candidate) { return pages }
        }
        return nil
    }

    private func pages(from root: URL) -> [SitemapReader.Entry]? {
        var queue = [root], visited: Set<URL> = [], pages: [SitemapReader.Entry] = []
        var readAny = false
        while let url = queue.first, visited.count < Self.maxSitemaps {
            queue.removeFirst()
            guard visited.insert(url).inserted, let response = try? client.get(url), response.ok,
                  let listing = try? SitemapReader.read(response.body, url: url.absoluteString) else { continue }
            readAny = true
            pages += listing.pages
            queue += listing.sitemaps.compactMap { URL(string: $0) }
        }
        return readAny ? pages : nil
    }

    func read(_ entries: [SitemapReader.Entry], after mark: String?, listAll: Bool,
              handle: (ArchiveReader.Item) throws -> Void) throws -> LiveSite.Outcome {
        var outcome = LiveSite.Outcome(source: "sitemap")
        if listAll { outcome.listed = Set(entries.map(\.location)) }
        let changed = entries.filter { entry in
            guard let mark, let modified = entry.lastModified.flatMap(PostDate.loose)?.instantKey else { return true }
            return modified > mark
        }
        var newest = mark, oldestFailed: String?
        var start = 0
        while start < changed.count {
            let slice = Array(changed[start..<min(changed.count, start + Self.batch)])
            start += slice.count
            let urls = slice.map { URL(string: $0.location, relativeTo: site)?.absoluteURL }
            let results = client.getAll(urls.compactMap { $0 })
            var resultIndex = 0
            for (entry, url) in zip(slice, urls) {
                let modified = entry.lastModified.flatMap(PostDate.loose)?.instantKey
                guard let url else {
                    try handle(.failure(ImportFailure(file: entry.location, reason: "not a URL")))
                    continue
                }
                let result = results[resultIndex]
                resultIndex += 1
                outcome.documents += 1
                if try read(result, url: url, handle: handle) {
                    if let modified, modified > (newest ?? "") { newest = modified }
                } else if let modified, modified < (oldestFailed ?? "~") {
                    oldestFailed = modified
                }
            }
        }
        // A page that failed is fetched again next time: the mark stays before it.
        if let oldestFailed {
            newest = changed.compactMap { $0.lastModified.flatMap(PostDate.loose)?.instantKey }.filter { $0 < oldestFailed }.max() ?? mark
        }
        outcome.mark = newest
        return outcome
    }

    /// Hands on one fetched page; false when it failed (and was reported).
    private func read(_ result: Result<PoliteHTTPClient.Response, Error>, url: URL, handle: (ArchiveReader.Item) throws -> Void) throws -> Bool {
        let address = url.absoluteString
        switch result {
        case .failure(PoliteHTTPClient.Failure.disallowed):
            try handle(.notAPost(ImportFailure(file: address, reason: "disallowed for postsearch by robots.txt")))
            return true
        case .failure(let error):
            try handle(.failure(ImportFailure(url: url, error)))
            return false
        case .success(let response) where !response.ok:
            try handle(.failure(ImportFailure(file: address, reason: "HTTP \(response.status)")))
            return false
        case .success(let response):
            do {
                switch try HTMLImporter.parse(response.body, id: address, file: address, url: address, options: options) {
                case .post(let post, let warnings):
                    for warning in warnings { try handle(.warning(ImportFailure(file: address, reason: warning))) }
                    try handle(.post(ArchiveReader.ImportedPost(post: post, file: address, line: nil, source: site.absoluteString)))
                case .notAPost(let reason):
                    try handle(.notAPost(ImportFailure(file: address, reason: reason)))
                }
            } catch let failure as ImportFailure {
                try handle(.failure(failure))
                return false
            }
            return true
        }
    }
}
