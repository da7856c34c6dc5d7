import Foundation

#if canImport(Glibc)
extension Indexer {
    /// Indexes `paths`, then again whenever something under them changes, until `shouldStop`
    /// says so (checked at least every 0.2 s and after each run; a run that has started finishes
    /// and commits). Changes are gathered for a short while first, so that a burst of writes
    /// (a site generator rebuilding) costs one run; a run reads only the files whose size or
    /// modification time changed. `report` hears each run's report.
    public func watch(_ paths: [String], options: ImportOptions = ImportOptions(), prune: Bool = false,
                      settle: Double = 0.3, shouldStop: () -> Bool, report: (IndexReport) -> Void) throws {
        let watcher = try FileWatcher(paths: paths)
        // Every run writes straight into the index, so readers see each change when it is
        // committed: a parallel import's merged copy would only replace the index at close().
        jobs = 1
        report(try importArchive(paths, options: options, prune: prune))
        while !shouldStop() {
            guard watcher.waitForChanges(timeout: 0.2) else { continue }
            // Let the burst finish (for a second at most): whatever arrives meanwhile joins this run.
            let deadline = Date().addingTimeInterval(1)
            while Date() < deadline, watcher.waitForChanges(timeout: settle) {}
            report(try importArchive(paths, options: options, prune: prune))
        }
    }
}
#endif
