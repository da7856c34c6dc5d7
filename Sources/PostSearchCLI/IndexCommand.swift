import ArgumentParser
import Foundation
import PostSearch

/// `postsearch index PATH...`
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add or update the posts of archive files and folders, or of a live site, in the index.",
        discussion: """
        Folders are read recursively; tar archives (.tar, .tar.gz, .tgz) directly. Formats, by extension:
          .txt                the scraped-WordPress text format: header lines, a blank line, the body
          .jsonl .ndjson      one JSON post a line: id, title, date, author, categories, tags, body
          .xml .rss .atom     by the root element: a WordPress export (WXR), an RSS or an Atom feed
          .md .markdown .mdx  Markdown with YAML (---) or TOML (+++) front matter
          .html .htm          web pages (a built static site, a mirrored blog): dated pages are posts

        Posts are upserted by id: re-indexing the same archive leaves the same number of posts, and unchanged posts are not rewritten. Files whose size and modification time have not changed since they were last read are passed over unopened (--reread reads them anyway); a rerun that changes nothing leaves the index as it was. --prune also removes the posts whose file or export entry under the given paths has gone. A bad record is reported with its file and line and skipped; the rest goes in. Each post's language is the one its source declares, unless its text plainly says otherwise, or the one its text is written in (detected) when the source is silent.

        Posts are analysed and written on --jobs threads (default: the number of cores), each into a part of its own; the parts are merged into the index with Xapian's compactor and swapped in atomically at the end (readers see the index as it was until then; a killed import leaves it as it was). A few posts added to a large index are written into it in place instead, as is every run of --watch (so each change shows when committed). An import that grows the index by more than half leaves it compacted.

        A live site (http:// or https://) is read through its WordPress REST API, else the feed its home page links to, else its sitemap, politely: robots.txt obeyed, at most 4 requests at once, retries with backoff on 429 and 5xx. The newest change seen is kept in the index, so the next run fetches only what changed since.

        Exit status: 0 when every record went in; 1 when some failed, or when no post at all was read (then no index is created); 2 for a bad option value.

        Examples:
          postsearch index examples/sample-archive
          postsearch index export.xml --include-pages
          postsearch index blog.tar.gz --index /var/lib/postsearch/blog
          postsearch index content/ --prune
          postsearch index posts.jsonl --language fr   # posts that name no language (codes or names)
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

    @Option(help: ArgumentHelp("The language of posts whose source names none and whose text does not tell (a code such as fr, or a name such as french); also the index's default.", valueName: "language"))
    var language: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Posts written between two commits.", valueName: "n"))
    var batchSize: OptionValue = 10_000

    @Flag(help: "Also index WordPress pages, not only posts.")
    var includePages = false

    @Flag(help: "Also index drafts (and private, pending and scheduled posts).")
    var includeDrafts = false

    @Flag(help: "Remove posts whose source file or export entry under the given paths is gone (for a site: posts it no longer lists).")
    var prune = false

    @Option(help: ArgumentHelp("For a site: only posts changed (or published) since this date (YYYY-MM-DD).", valueName: "date"))
    var since: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("For a site: seconds to wait for each answer.", valueName: "seconds"))
    var timeout: OptionValue = 30.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Split a new index over N databases, 1 to 256 (by a hash of each post's id); an existing sharded index keeps its count.", valueName: "n"))
    var shards: OptionValue?

    @Option(parsing: .unconditional, help: ArgumentHelp("Posts analysed and written at once, 1 to 256 (default: the number of cores): each job builds a part of its own, and the parts are merged into the index, compacted, at the end; 1 writes straight into the index.", valueName: "n"))
    var jobs: OptionValue?

    @Option(name: .customLong("field"), help: ArgumentHelp("Keep this front-matter key with each post as a custom field, searchable (name:value), filterable and countable (repeatable).", valueName: "name"))
    var fields: [String] = []

    @Option(help: ArgumentHelp("The site's address: HTML pages without a canonical link get their URL (and id) from it and their path.", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Read every file, even those unchanged since they were last read.")
    var reread = false

    @Flag(help: "After indexing, keep watching the paths and re-index files as they change, until interrupted (Ctrl-C).")
    var watch = false

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    /// The import's settings from the options; a bad value is an error naming its option.
    private func settings() throws -> (batchSize: Int, shards: Int?, jobs: Int, live: LiveSiteOptions) {
        let batchSize = try self.batchSize.integer("batch-size", in: 1...10_000_000)
        let shards = try self.shards.map { try $0.integer("shards", in: 1...256) }
        let jobs = try self.jobs.map { try $0.integer("jobs", in: 1...256) } ?? ProcessInfo.processInfo.activeProcessorCount
        if let language, !Languages.isKnown(language) {
            throw PostSearchError.invalidParameter(
                name: "--language", message: "\"\(language)\" is no language (a code such as en, fr, ja, or a name such as french, or none)")
        }
        if let baseURL, URL(string: baseURL)?.host == nil {
            throw PostSearchError.invalidParameter(name: "--base-url", message: "\"\(baseURL)\" is not an absolute URL, such as https://blog.example/")
        }
        for name in fields where CustomFields.problem(with: name) != nil {
            throw PostSearchError.invalidParameter(name: "--field", message: CustomFields.problem(with: name)!)
        }
        var live = LiveSiteOptions()
        if let since {
            guard let date = PostDate.loose(since) else {
                throw PostSearchError.invalidParameter(name: "--since", message: "\"\(since)\" is not a date such as 2024-01-31")
            }
            live.since = date
        }
        live.http.timeout = try timeout.number("timeout", in: 0.001...86_400)
        if watch, paths.contains(where: LiveSite.isAddress) {
            throw PostSearchError.invalidParameter(
                name: "--watch", message: "it follows files; to follow a site, run `postsearch index URL` again (from cron, say): each run fetches only what changed")
        }
        return (batchSize, shards, jobs, live)
    }

    func run() throws {
        var reports: [IndexReport] = []
        let existed = FileManager.default.fileExists(atPath: location.path)
        do {
            let (batchSize, shards, jobs, live) = try settings()
            let indexer = try writer.openIndexer {
                try Indexer(path: location.path, language: language.map(Indexer.canonicalLanguage), batchSize: batchSize, shards: shards)
            }
            indexer.jobs = jobs
            let progress = ProgressLine()
            let options = ImportOptions(includePages: includePages, includeDrafts: includeDrafts,
                                        defaultLanguage: language.flatMap { Languages.code(for: $0) },
                                        fields: fields.map { $0.lowercased() }, baseURL: baseURL)
            if watch {
                try watchPaths(indexer: indexer, options: options)
                return
            }
            let files = paths.filter { !LiveSite.isAddress($0) }, sites = paths.filter(LiveSite.isAddress)
            let update = { (report: IndexReport) in progress.update("indexing: \(report.processed) posts, \(report.failed) failed") }
            if !files.isEmpty || sites.isEmpty {
                reports.append(try indexer.importArchive(files, options: options, prune: prune, reread: reread, progress: update))
            }
            for site in sites {
                reports.append(try indexer.importSite(site, options: options, live: live, prune: prune, progress: update))
            }
            try indexer.close(after: reports)
            progress.finish()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ExitCode(reportFailure(error))
        }
        // A run that read no post at all says so, and leaves no empty index behind.
        let readNothing = reports.allSatisfy { $0.processed == 0 && $0.removed == 0 }
        if readNothing, !existed { try? FileManager.default.removeItem(atPath: location.path) }
        for report in reports { output(report, created: !readNothing || existed) }
        if readNothing {
            Terminal.printError("postsearch: no post was read from \(paths.joined(separator: ", "))\(existed ? "" : "; no index was created")")
        }
        if readNothing || reports.contains(where: { $0.failed > 0 || !$0.missingPaths.isEmpty }) { throw ExitCode(1) }
    }

    /// `--watch`: a summary per run, until SIGINT or SIGTERM; then the index is closed cleanly.
    private func watchPaths(indexer: Indexer, options: ImportOptions) throws {
        #if canImport(Glibc)
        let stop = StopSignal()
        try indexer.watch(paths, options: options, prune: prune, shouldStop: { stop.isRequested }) { report in
            output(report, created: true)
            if !json { Terminal.printError("postsearch: watching \(paths.joined(separator: ", ")) for changes (Ctrl-C to stop)") }
        }
        try indexer.close()
        #else
        throw PostSearchError.invalidParameter(name: "--watch", message: "it needs Linux's inotify")
        #endif
    }

    private func output(_ report: IndexReport, created: Bool) {
        if json {
            var writer = JSONWriter()
            report.writeJSON(to: &writer)
            print(writer.string)
        } else {
            printSummary(report, created: created)
        }
        fflush(nil)  // each run's summary shows at once, also through a pipe
    }

    private func printSummary(_ report: IndexReport, created: Bool) {
        let rate = report.seconds > 0 ? Int(Double(report.processed) / report.seconds) : 0
        if let source = report.liveSource { print("Read through the site's \(source).") }
        let read = counted(report.files, report.liveSource == nil ? "file" : "document")
        print("Read \(counted(report.processed + report.failed, "record")) from \(read) in \(String(format: "%.2f", report.seconds)) s (\(rate) posts/s).")
        print("  added \(report.added), updated \(report.updated), unchanged \(report.unchanged), removed \(report.removed), failed \(report.failed)")
        if !report.notPosts.isEmpty {
            let reasons = Dictionary(grouping: report.notPosts, by: \.reason).map { "\($0.value.count) \($0.key)" }.sorted()
            print("  not posts: \(reasons.joined(separator: ", "))")
        }
        for path in report.missingPaths { print("  not found: \(path)") }
        if !report.passedOver.isEmpty {
            let named = report.passedOver.prefix(5).joined(separator: ", ") + (report.passedOver.count > 5 ? ", …" : "")
            print("  passed over \(counted(report.passedOver.count, "file")) of another type: \(named)")
        }
        if report.unchangedFiles > 0 { print("  \(counted(report.unchangedFiles, "file")) unchanged since last read, not opened") }
        for warning in report.warnings.prefix(10) { print("  warning: \(warning)") }
        if report.warnings.count > 10 { print("  … and \(report.warnings.count - 10) more warnings (--json lists them all)") }
        if created { print("The index at \(location.path) now holds \(counted(report.totalPosts, "post")).") }
        let shown = 20
        for failure in report.failures.prefix(shown) { print("  failed: \(failure)") }
        if report.failed > shown { print("  … and \(report.failed - shown) more failures (--json lists them all)") }
    }
}
