/// A record that could not be read, with where it was: reported, skipped, never fatal to the import.
public struct ImportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as given on the command line or found under it.
    public let file: String
    /// 1-based line of the record, when the format has lines.
    public let line: Int?
    public let reason: String

    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
