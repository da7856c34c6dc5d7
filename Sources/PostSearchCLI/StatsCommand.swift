import ArgumentParser
import Foundation
import PostSearch
import PostSearchServer

/// `postsearch stats`
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what an index holds, or what readers searched for (--queries).",
        discussion: """
        With --queries FILE, reads a query log written by `postsearch serve --query-log FILE` instead of the index: the most frequent queries, and the most frequent queries that found nothing. Searches without words (browsing by filters) and searches as you type are counted apart. --json prints {"file", "searches", "no_results", "browsing", "as_you_type", "unreadable_lines", "first", "last", "top_queries": [{"q", "count", "no_results"}], "top_no_results": [{"q", "count"}]}.

        Examples:
          postsearch stats
          postsearch stats --index /var/lib/postsearch/blog --json
          postsearch stats --queries queries.jsonl
          postsearch stats --queries queries.jsonl --limit 50 --json
        """
    )

    @OptionGroup var location: IndexLocation

    @OptionGroup var shards: ShardOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    @Option(help: ArgumentHelp("A query log (serve --query-log) to report on, instead of the index.", valueName: "file"))
    var queries: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Queries listed in each top list (with --queries), 1 up.", valueName: "n"))
    var limit: OptionValue = 20

    @Flag(help: "Count searches as you type (prefix searches) like the others (with --queries).")
    var includePrefix = false

    func run() throws {
        if let queries { return try reportQueries(queries) }
        let stats: IndexStats
        do {
            stats = try IndexStats(searcher: try shards.searcher(location))
        } catch {
            throw ExitCode(reportFailure(error))
        }
        if json {
            print(stats.json)
            return
        }
        print("Index:        \(stats.path)")
        print("Posts:        \(stats.posts)")
        print("Dates:        \(stats.firstDate ?? "none") … \(stats.lastDate ?? "none")")
        let languages = stats.languages.map { language -> String in
            let variants = (stats.languageVariants[language.value] ?? []).map { "\($0.value) \($0.count)" }
            return "\(language.value) (\(language.count)\(variants.isEmpty ? "" : ": " + variants.joined(separator: ", ")))"
        }.joined(separator: ", ")
        print("Languages:    \(languages.isEmpty ? "none" : languages)")
        print("Stemmers:     \(stats.stemmers.joined(separator: ", ")) (posts without a language: \(stats.stemmer))")
        if !stats.fields.isEmpty { print("Fields:       \(stats.fields.joined(separator: ", ")) (search name:value, --filter name=value, --facets name)") }
        print("Size on disk: \(ByteCountFormatter.string(fromByteCount: stats.sizeBytes, countStyle: .file))")
        print("Last update:  \(stats.lastUpdated ?? "unknown") (revision \(stats.revision))")
    }

    private func reportQueries(_ path: String) throws {
        let report: QueryLogReport
        do {
            report = try QueryLogReport(path: path, limit: try limit.integer("limit", in: 1...Int.max), includePrefix: includePrefix)
        } catch {
            throw ExitCode(reportFailure(error))
        }
        if json {
            print(report.json)
            return
        }
        print("Query log:    \(report.file)")
        print("Period:       \(report.first ?? "none") … \(report.last ?? "none")")
        let share = report.searches == 0 ? 0 : Double(report.noResults) * 100 / Double(report.searches)
        print("Searches:     \(report.searches) with words, \(report.noResults) found nothing (\(String(format: "%.1f", share))%)")
        print("Also:         \(report.browsing) browsing by filters, \(report.asYouType) as you type\(includePrefix ? " (counted)" : " (not counted)")"
              + (report.unreadable > 0 ? ", \(report.unreadable) unreadable lines" : ""))
        func table(_ title: String, _ rows: [QueryLogReport.Query], nothing: Bool) {
            print("\n\(title)")
            if rows.isEmpty { print("  (none)") }
            for row in rows {
                let count = String(row.count).leftPadded(to: 7)
                print(nothing || row.noResults == 0 ? "\(count)  \(row.query)" : "\(count)  \(row.query)  (\(row.noResults) found nothing)")
            }
        }
        table("Top queries", report.top, nothing: false)
        table("Top queries that found nothing", report.topNoResults, nothing: true)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
