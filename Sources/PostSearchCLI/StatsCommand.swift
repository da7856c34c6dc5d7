import ArgumentParser
import Foundation
import PostSearch

/// `postsearch stats`
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what an index holds: posts, date range, languages, size, last update.",
        discussion: """
        Examples:
          postsearch stats
          postsearch stats --index /var/lib/postsearch/blog --json
        """
    )

    @OptionGroup var location: IndexLocation

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let stats: IndexStats
        do {
            stats = try IndexStats(searcher: try location.searcher())
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
        let languages = stats.languages.map { "\($0.value) (\($0.count))" }.joined(separator: ", ")
        print("Languages:    \(languages.isEmpty ? "not recorded" : languages)")
        print("Stemmer:      \(stats.stemmer)")
        print("Size on disk: \(ByteCountFormatter.string(fromByteCount: stats.sizeBytes, countStyle: .file))")
        print("Last update:  \(stats.lastUpdated ?? "unknown") (revision \(stats.revision))")
    }
}
