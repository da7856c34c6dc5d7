import ArgumentParser
import Foundation
import PostSearch

/// How a writing command (index, delete) takes the index's write lock.
struct WriterOptions: ParsableArguments {
    @Flag(help: "If another indexer holds the index, wait until it finishes instead of failing.")
    var wait = false

    /// Opens the indexer; with --wait, retries while another writer holds the lock.
    func openIndexer(_ open: () throws -> Indexer) throws -> Indexer {
        var announced = false
        while true {
            do {
                return try open()
            } catch PostSearchError.indexLocked(let path) where wait {
                if !announced {
                    Terminal.printError("postsearch: another indexer is writing to \(path); waiting for it to finish…")
                    announced = true
                }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }
}
