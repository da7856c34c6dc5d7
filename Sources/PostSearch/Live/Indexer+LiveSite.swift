import Foundation

extension Indexer {
    /// Indexes the posts of a running site (see `LiveSite`) that changed since the last run: the
    /// newest change seen is kept in the index (metadata `postsearch:source:<site>`) as the
    /// site's high-water mark. With `prune`, posts read from this site before that it no longer
    /// lists are removed (REST API and sitemap; a feed lists only its newest posts).
    public func importSite(_ address: String, options: ImportOptions = ImportOptions(), live: LiveSiteOptions = LiveSiteOptions(),
                           prune: Bool = false, progress: ((IndexReport) -> Void)? = nil) throws -> IndexReport {
        let start = Date()
        guard let site = LiveSite.normalized(address) else {
            throw PostSearchError.invalidParameter(name: "url", message: "\(address) is not an http(s) address of a site")
        }
        let key = Self.markKey(for: site)
        let stored = (try? XapianDatabase(path: databasePaths[0]).metadata(key)).flatMap { $0.isEmpty ? nil : $0 }
        let since = live.since.map { $0.time == nil ? $0.dayString + "T00:00:00" : $0.sortKey }
        let mark = [stored, since].compactMap { $0 }.max()
        let client = PoliteHTTPClient(settings: live.http)
        let run = try ImportRun(indexer: self, prune: prune)
        var outcome = LiveSite.Outcome()
        try run.finish {
            outcome = try LiveSite(site: site, client: client, options: options, live: live).read(after: mark, listAll: prune) { item in
                try run.take(item)
                if let progress { progress(run.running) }
            }
        }
        if let newMark = outcome.mark, newMark > (stored ?? "") { setMetadata(key, newMark) }
        try commit()
        var report = run.report
        report.warnings += outcome.warnings.map { ImportFailure(file: site.absoluteString, reason: $0) }
        if prune, let listed = outcome.listed { report.removed = try pruneSource(site.absoluteString, keeping: listed) }
        report.liveSource = outcome.source
        report.files = outcome.documents
        report.totalPosts = try documentCount
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    static func markKey(for site: URL) -> String { IndexMetadataKey.key(IndexMetadataKey.sourcePrefix, site.absoluteString) }

    /// The high-water mark recorded for a site, if any.
    public func highWaterMark(of address: String) throws -> String? {
        guard let site = LiveSite.normalized(address) else { return nil }
        let value = try XapianDatabase(path: databasePaths[0]).metadata(Self.markKey(for: site))
        return value.isEmpty ? nil : value
    }
}
