/// `--boost recent[:HALF_LIFE]`: newer posts weigh more. A post's text score gets the query's
/// best possible text score added, halved for every `halfLife` of age: today's post gets it
/// all, a post one half-life old half of it, so a fresh post that matches at all comes before
/// an old one that matches best. Off by default.
public struct RecencyBoost: Sendable, Equatable {
    /// Days after which the boost is halved.
    public var halfLifeDays: Double
    /// The largest boost, as a share of the best possible text score.
    public static let share = 1.0
    public static let defaultHalfLifeDays = 180.0

    public init(halfLifeDays: Double = RecencyBoost.defaultHalfLifeDays) {
        self.halfLifeDays = halfLifeDays
    }

    /// `recent`, `recent:90d`, `recent:2w`, `recent:6m`, `recent:1y` (a bare number is days).
    public init(parsing text: String, parameter: String = "boost") throws {
        let parts = text.trimmingWhitespace().lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        func bad() -> PostSearchError {
            .invalidParameter(name: parameter, message: "\"\(text)\" is not a boost; write recent, or recent:HALF_LIFE such as recent:90d, recent:6m, recent:1y")
        }
        guard parts.first == "recent" else { throw bad() }
        guard parts.count == 2 else { self.init(); return }
        var number = parts[1], unit = 1.0
        if let last = number.last, last.isLetter {
            switch last {
            case "d": unit = 1
            case "w": unit = 7
            case "m": unit = 30.44
            case "y": unit = 365.25
            default: throw bad()
            }
            number.removeLast()
        }
        guard let value = Double(number), value > 0, value.isFinite else { throw bad() }
        self.init(halfLifeDays: value * unit)
    }
}
