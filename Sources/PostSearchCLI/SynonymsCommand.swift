import ArgumentParser
import Foundation
import PostSearch

/// `postsearch synonyms set FILE | list | clear`
struct SynonymsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synonyms",
        abstract: "Keep a synonyms file in the index; searches (CLI and server) expand queries with it.",
        discussion: """
        The file has one group a line, as Solr and Elasticsearch read it: `nato, north atlantic treaty organization` (any of them finds all of them) or `ipod => ipod, mp3 player` (the left finds the right too, not the reverse). Entries may be several words; `#` starts a comment. Words are matched as the index holds them (accents and case aside), and each keeps its stems.

        Examples:
          postsearch synonyms set synonyms.txt
          postsearch synonyms list
          postsearch synonyms list --json
          postsearch synonyms clear
        """,
        subcommands: [Set.self, List.self, Clear.self]
    )

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the index's synonyms with a file's.")

        @Argument(help: ArgumentHelp("The synonyms file.", valueName: "file"))
        var file: String

        @OptionGroup var location: IndexLocation

        @OptionGroup var writer: WriterOptions

        func run() throws {
            do {
                guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                    throw PostSearchError.invalidParameter(name: "file", message: "cannot read \(file) as UTF-8 text")
                }
                _ = try Shard.list(location.path)  // an index that is not there is not created here
                let indexer = try writer.openIndexer { try Indexer(path: location.path) }
                try indexer.setSynonyms(text)
                try indexer.close()
            } catch {
                throw ExitCode(reportFailure(error))
            }
            print("Synonyms of \(location.path) set from \(file).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the index's synonyms file (with --json: what each entry finds).")

        @OptionGroup var location: IndexLocation

        @Flag(help: #"Print one JSON object: each entry and what it finds, {"nato": ["nato", "north atlantic treaty organization"]}."#)
        var json = false

        func run() throws {
            do {
                let searcher = try location.searcher()
                if json {
                    var writer = JSONWriter()
                    writer.beginObject()
                    for (key, alternatives) in try searcher.synonymExpansions().sorted(by: { $0.key < $1.key }) {
                        writer.key(key)
                        writer.strings(alternatives)
                    }
                    writer.endObject()
                    print(writer.string)
                } else {
                    let text = try searcher.synonymsFile()
                    print(text.isEmpty ? "No synonyms (set them with `postsearch synonyms set FILE`)." : text, terminator: text.hasSuffix("\n") ? "" : "\n")
                }
            } catch {
                throw ExitCode(reportFailure(error))
            }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the index's synonyms.")

        @OptionGroup var location: IndexLocation

        @OptionGroup var writer: WriterOptions

        func run() throws {
            do {
                _ = try Shard.list(location.path)
                let indexer = try writer.openIndexer { try Indexer(path: location.path) }
                try indexer.setSynonyms("")
                try indexer.close()
            } catch {
                throw ExitCode(reportFailure(error))
            }
            print("Synonyms of \(location.path) removed.")
        }
    }
}
