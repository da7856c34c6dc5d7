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
          .txt                the scraped-WordPress text format: header lines, a blank line, the body
          .jsonl .ndjson      one JSON post a line: id, title, date, author, categories, tags, body
          .xml                WordPress exports (WXR): published posts (--include-pages, --include-drafts)
          .md .markdown .mdx  Markdown with YAML (---) or TOML (+++) front matter

        Posts are upserted by id: re-indexing the same archive leaves the same number of posts, and unchanged posts are not rewritten. --prune also removes the posts whose file or export entry under the given paths has gone. A bad record is reported with its file and line and skipped; the rest goes in. Each post's language is the one its source declares, unless its text plainly says otherwise, or the one its text is written in (detected) when the source is silent.

        Exit status: 0 when every record went in; 1 when some failed, or when no post at all was read from the paths (then no index is created); 2 for a bad option value.

        Examples:
          postsearch index examples/sample-archive
          postsearch index export.xml --include-pages
          postsearch index blog.tar.gz --index /var/lib/postsearch/blog
          postsearch index content/ --prune
          postsearch index posts.jsonl --language fr   # posts that name no language (codes or names)
          postsearch index archive/ --json > report.json
          postsearch index posts.jsonl --index big --shards 4   # big/shard-0..3 + big/XAPIANDB
          postsearch index new-posts/ --wait     # queue behind an indexer already running
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to index.", valueName: "path"))
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

    @Flag(help: "Remove posts whose source file or export entry under the given paths is gone.")
    var prune = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Split a new index over N databases, 1 to 256 (by a hash of each post's id); an existing sharded index keeps its count.", valueName: "n"))
    var shards: OptionValue?

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    func run() throws {
        let report: IndexReport
        let existed = FileManager.default.fileExists(atPath: location.path)
        do {
            let batchSize = try self.batchSize.integer("batch-size", in: 1...10_000_000)
            let shards = try self.shards.map { try $0.integer("shards", in: 1...256) }
            if let language, !Languages.isKnown(language) {
                throw PostSearchError.invalidParameter(
                    name: "--language", message: "\"\(language)\" is no language (a code such as en, fr, ja, or a name such as french, or none)")
            }
            let indexer = try writer.openIndexer {
                try Indexer(path: location.path, language: language.map(Indexer.canonicalLanguage), batchSize: batchSize, shards: shards)
            }
            let progress = ProgressLine()
            let options = ImportOptions(includePages: includePages, includeDrafts: includeDrafts,
                                        defaultLanguage: language.flatMap { Languages.code(for: $0) })
            report = try indexer.importArchive(paths, options: options, prune: prune) { report in
                progress.update("indexing: \(report.processed) posts, \(report.failed) failed")
            }
            try indexer.close()
            progress.finish()
        } catch {
            throw ExitCode(reportFailure(error))
        }
        // A run that read no post at all says so, and leaves no empty index behind.
        let readNothing = report.processed == 0 && report.removed == 0
        if readNothing, !existed { try? FileManager.default.removeItem(atPath: location.path) }
        if json {
            var writer = JSONWriter()
            report.writeJSON(to: &writer)
            print(writer.string)
        } else {
            printSummary(report, created: !readNothing || existed)
        }
        if readNothing {
            Terminal.printError("postsearch: no post was read from \(paths.joined(separator: ", "))\(existed ? "" : "; no index was created")")
        }
        if report.failed > 0 || readNothing || !report.missingPaths.isEmpty { throw ExitCode(1) }
    }

    private func printSummary(_ report: IndexReport, created: Bool) {
        let rate = report.seconds > 0 ? Int(Double(report.processed) / report.seconds) : 0
        print("Read \(counted(report.processed + report.failed, "record")) from \(counted(report.files, "file")) in \(String(format: "%.2f", report.seconds)) s (\(rate) posts/s).")
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
        for warning in report.warnings.prefix(10) { print("  warning: \(warning)") }
        if report.warnings.count > 10 { print("  … and \(report.warnings.count - 10) more warnings (--json lists them all)") }
        if created { print("The index at \(location.path) now holds \(counted(report.totalPosts, "post")).") }
        let shown = 20
        for failure in report.failures.prefix(shown) { print("  failed: \(failure)") }
        if report.failed > shown { print("  … and \(report.failed - shown) more failures (--json lists them all)") }
    }
}
