#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PostSearch
import PostSearchServer

enum Environment {
    static func value(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }
}

/// Where output goes and whether a person is watching it.
enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A one-line progress report redrawn on stderr, only when stderr is a terminal.
final class ProgressLine {
    private let enabled = Terminal.stderrIsTerminal
    private var lastDraw = Date.distantPast
    private var drawn = false

    func update(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        Terminal.writeError("\r\u{1B}[K" + text())
        drawn = true
    }

    func finish() {
        guard enabled, drawn else { return }
        Terminal.writeError("\r\u{1B}[K")
    }
}

/// Maps postsearch errors to a sentence on stderr and an exit status: 2 for a bad request,
/// 1 for anything else.
func reportFailure(_ error: Error) -> Int32 {
    switch error {
    case let error as PostSearchError:
        Terminal.printError("postsearch: \(error)")
        return error.isUserError ? 2 : 1
    case let error as APIError:
        // A query string `postsearch replay` read, rejected as the server would reject it.
        Terminal.printError("postsearch: \(error.message)")
        return 2
    default:
        Terminal.printError("postsearch: \(error)")
        return 1
    }
}

