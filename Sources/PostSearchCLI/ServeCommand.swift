import ArgumentParser
import PostSearch

/// `postsearch serve` (placeholder until the HTTP issue lands).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the index over HTTP.")
    @OptionGroup var location: IndexLocation
    func run() async throws {
        throw ValidationError("not built yet")
    }
}
