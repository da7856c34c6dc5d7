import Foundation
import Testing

/// `--help` of every command, compared with the golden copies in Tests/Fixtures/help, at a fixed
/// width. After a deliberate change, rewrite them with `POSTSEARCH_UPDATE_GOLDEN=1 swift test
/// --filter HelpTests` and read the diff.
@Suite struct HelpTests {
    static let commands: [[String]] = [
        [], ["index"], ["delete"], ["search"], ["related"], ["stats"], ["serve"], ["export"], ["compact"],
        ["synonyms"], ["synonyms", "set"], ["synonyms", "list"], ["synonyms", "clear"], ["replay"],
    ]
    static let goldenFolder = CLI.repositoryRoot.appendingPathComponent("Tests/Fixtures/help")

    @Test(arguments: commands)
    func helpMatchesItsGoldenCopy(_ command: [String]) throws {
        let help = try CLI.run(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(help.status == 0)
        let name = (["postsearch"] + command).joined(separator: "-") + ".txt"
        let golden = Self.goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["POSTSEARCH_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try help.stdout.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(help.stdout == expected, "postsearch \(command.joined(separator: " ")) --help differs from \(name)")
        // The discussion's paragraphs (above "Examples:") must carry no hard line breaks of their
        // own: the formatter wraps them, so a line ends short only where the next word did not fit.
        let prose = help.stdout.components(separatedBy: "Examples:")[0].components(separatedBy: "USAGE:")[0]
        let discussion = prose.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        for (line, next) in zip(discussion, discussion.dropFirst()) where !line.isEmpty && !next.isEmpty && !line.hasPrefix(" ") {
            guard let firstWord = next.split(separator: " ").first else { continue }
            #expect(line.count + 1 + firstWord.count >= 100, "a paragraph broken early in \(name): \"\(line)\"")
        }
    }
}
