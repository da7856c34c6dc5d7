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

    @OptionGroup var shards: ShardOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
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
}
