import ArgumentParser
import Foundation
import PostSearch

/// `postsearch index PATH...`
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add or update the posts of archive files and folders in the index.",
        discussion: """
        Folders are read recursively; tar archives (.tar, .tar.gz, .tgz) directly. Formats, by extension:
          .txt                one post a file: "- DD/MM/YYYY", "- Posted by: NAME", "- Category: A, B", blank line, body
          .jsonl .ndjson      one JSON post a line: id, title, date, author(s), category/categories, tags, body, url, lang
          .xml                WordPress export (WXR): published posts (see --include-pages, --include-drafts)
          .md .markdown .mdx  Markdown with YAML (---) or TOML (+++) front matter; drafts, redirect stubs and
                              index pages are not posts
          .html .htm          web pages (a built static site, a mirrored blog): posts are pages with a
                              publication date; listings, tag pages and redirect stubs are not posts
          .xml .rss .atom     by the root element: WordPress export, RSS or Atom feed (Blogger exports too)

        Posts are upserted by id: re-indexing the same archive leaves the same number of posts, and
        unchanged posts are not rewritten. Files whose size and modification time have not changed
        since they were last read are passed over without being opened (--reread reads them anyway);
        a rerun that changes nothing leaves the index as it was. --watch keeps indexing what changes.

        A live site (http:// or https://) is read through its WordPress REST API, else the feed its
        home page links to, else its sitemap, politely: robots.txt obeyed, at most 4 requests at
        once, retries with backoff on 429 and 5xx. The newest change seen is kept in the index, so
        the next run fetches only what changed since. --prune also removes the posts whose file or export entry
        under the given paths has gone. A bad record is reported with its file and line and
        skipped; the rest goes in. Exit status: 0 when every record went in, 1 when some failed.

        Examples:
          postsearch index examples/sample-archive
          postsearch index export.xml --include-pages
          postsearch index blog.tar.gz --index /var/lib/postsearch/blog
          postsearch index content/ --prune
          postsearch index posts.jsonl --language french
          postsearch index archive/ --json > report.json
          postsearch index posts.jsonl --index big --shards 4   # big/shard-0..3 + big/XAPIANDB
          postsearch index new-posts/ --wait     # queue behind an indexer already running
          postsearch index content/ --watch      # then re-index files as they change, until Ctrl-C
          postsearch index site/ --base-url https://blog.example/   # URLs for pages without a canonical link
          postsearch index content/ --field series --field mood     # keep these front-matter keys
          postsearch index https://blog.example/ --since 2024-01-01  # a live site (REST API, feed or sitemap)
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to index, or the address (http:// or https://) of a live site.", valueName: "path-or-url"))
    var paths: [String]

    @OptionGroup var location: IndexLocation

    @OptionGroup var writer: WriterOptions

    @Option(help: ArgumentHelp("Stemming language for a new index: english (default), french, german, …, or none.", valueName: "language"))
    var language: String?

    @Option(help: ArgumentHelp("Posts written between two commits.", valueName: "n"))
    var batchSize = 10_000

    @Flag(help: "Also index WordPress pages, not only posts.")
    var includePages = false

    @Flag(help: "Also index drafts (and private, pending and scheduled posts).")
    var includeDrafts = false

    @Flag(help: "Remove posts whose source file or export entry under the given paths is gone (for a site: posts it no longer lists).")
    var prune = false

    @Option(help: ArgumentHelp("For a site: only posts changed (or published) since this date (YYYY-MM-DD).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("For a site: seconds to wait for each answer (default 30).", valueName: "seconds"))
    var timeout = 30.0

    @Option(help: ArgumentHelp("Split a new index over N databases (by a hash of each post's id); an existing sharded index keeps its count.", valueName: "n"))
    var shards: Int?

    @Option(name: .customLong("field"), help: ArgumentHelp("Keep this front-matter key with each post as a custom field (repeatable).", valueName: "name"))
    var fields: [String] = []

    @Option(help: ArgumentHelp("The site's address: HTML pages without a canonical link get their URL (and id) from it and their path.", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Read every file, even those unchanged since they were last read.")
    var reread = false

    @Flag(help: "After indexing, keep watching the paths and re-index files as they change, until interrupted (Ctrl-C).")
    var watch = false

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        if let baseURL, URL(string: baseURL)?.host == nil { throw ValidationError("--base-url must be an absolute URL, such as https://blog.example/") }
        if let shards, !(1...256).contains(shards) { throw ValidationError("--shards must be between 1 and 256") }
        if let since, PostDate.loose(since) == nil { throw ValidationError("--since must be a date such as 2024-01-31") }
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        if watch, paths.contains(where: LiveSite.isAddress) {
            throw ValidationError("--watch follows files; to follow a site, run `postsearch index URL` again (from cron, say): each run fetches only what changed")
        }
    }


    func run() throws {
        var reports: [IndexReport] = []
        do {
            let indexer = try writer.openIndexer {
                try Indexer(path: location.path, language: language.map(Indexer.canonicalLanguage), batchSize: batchSize, shards: shards)
            }
            let progress = ProgressLine()
            let options = ImportOptions(includePages: includePages, includeDrafts: includeDrafts,
                                        defaultLanguage: language, fields: fields, baseURL: baseURL)
            if watch {
                try watchPaths(indexer: indexer, options: options)
                return
            }
            let files = paths.filter { !LiveSite.isAddress($0) }, sites = paths.filter(LiveSite.isAddress)
            let update = { (report: IndexReport) in progress.update("indexing: \(report.processed) posts, \(report.failed) failed") }
            if !files.isEmpty || sites.isEmpty {
                reports.append(try indexer.importArchive(files, options: options, prune: prune, reread: reread, progress: update))
            }
            var live = LiveSiteOptions()
            live.since = since.flatMap(PostDate.loose)
            live.http.timeout = timeout
            for site in sites {
                reports.append(try indexer.importSite(site, options: options, live: live, prune: prune, progress: update))
            }
            try indexer.close()
            progress.finish()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitCode(reportFailure(error))
        }
        reports.forEach(output)
        if reports.contains(where: { $0.failed > 0 }) { throw ExitCode(1) }
    }

    /// `--watch`: a summary per run, until SIGINT or SIGTERM; then the index is closed cleanly.
    private func watchPaths(indexer: Indexer, options: ImportOptions) throws {
        #if canImport(Glibc)
        let stop = StopSignal()
        try indexer.watch(paths, options: options, prune: prune, shouldStop: { stop.isRequested }) { report in
            output(report)
            if !json { Terminal.printError("postsearch: watching \(paths.joined(separator: ", ")) for changes (Ctrl-C to stop)") }
        }
        try indexer.close()
        #else
        throw ValidationError("--watch needs Linux's inotify")
        #endif
    }

    private func output(_ report: IndexReport) {
        if json {
            var writer = JSONWriter()
            report.writeJSON(to: &writer)
            print(writer.string)
        } else {
            printSummary(report)
        }
        fflush(nil)  // each run's summary shows at once, also through a pipe
    }

    private func printSummary(_ report: IndexReport) {
        let rate = report.seconds > 0 ? Int(Double(report.processed) / report.seconds) : 0
        if let source = report.liveSource { print("Read through the site's \(source).") }
        print("Read \(report.processed + report.failed) records from \(report.files) \(report.liveSource == nil ? "files" : "documents") in \(String(format: "%.2f", report.seconds)) s (\(rate) posts/s).")
        print("  added \(report.added), updated \(report.updated), unchanged \(report.unchanged), removed \(report.removed), failed \(report.failed)")
        if !report.notPosts.isEmpty {
            let reasons = Dictionary(grouping: report.notPosts, by: \.reason).map { "\($0.value.count) \($0.key)" }.sorted()
            print("  not posts: \(reasons.joined(separator: ", "))")
        }
        if report.skippedFiles > 0 { print("  \(report.skippedFiles) files of other types passed over") }
        if report.unchangedFiles > 0 { print("  \(report.unchangedFiles) files unchanged since they were last read, not opened") }
        for warning in report.warnings.prefix(10) { print("  warning: \(warning)") }
        if report.warnings.count > 10 { print("  … and \(report.warnings.count - 10) more warnings (--json lists them all)") }
        print("The index at \(location.path) now holds \(report.totalPosts) posts.")
        let shown = 20
        for failure in report.failures.prefix(shown) { print("  failed: \(failure)") }
        if report.failed > shown { print("  … and \(report.failed - shown) more failures (--json lists them all)") }
    }
}
