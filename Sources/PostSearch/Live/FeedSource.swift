import Foundation

/// A site's RSS or Atom feed: its entries newer than the last run's mark (a feed lists only
/// its newest posts, so it cannot tell what was removed).
struct FeedSource {
    let url: URL
    let site: URL
    let client: PoliteHTTPClient
    let options: ImportOptions

    func read(after mark: String?, handle: (ArchiveReader.Item) throws -> Void) throws -> LiveSite.Outcome {
        var outcome = LiveSite.Outcome(source: "feed \(url.absoluteString)")
        let response: PoliteHTTPClient.Response
        do {
            response = try client.get(url)
        } catch {
            try handle(.failure(ImportFailure(url: url, error)))
            return outcome
        }
        outcome.documents = 1
        guard response.ok else {
            try handle(.failure(ImportFailure(file: url.absoluteString, reason: "HTTP \(response.status)")))
            return outcome
        }
        guard case .feed(let format) = FeedImporter.kind(ofXML: response.body.prefix(XMLInput.prologLimit)) else {
            try handle(.failure(ImportFailure(file: url.absoluteString, reason: "not an RSS or Atom feed")))
            return outcome
        }
        var newest = mark
        try FeedImporter.read(data: response.body, file: url.absoluteString, format: format, options: options) { result, line in
            switch result {
            case .failure(let failure):
                try handle(.failure(failure))
            case .success(let post):
                let changed = post.date?.instantKey
                if let mark, let changed, changed <= mark { return }
                if let changed, changed > (newest ?? "") { newest = changed }
                try handle(.post(ArchiveReader.ImportedPost(post: post, file: url.absoluteString, line: line > 0 ? line : nil,
                                                            source: site.absoluteString)))
            }
        }
        outcome.mark = newest
        return outcome
    }
}
