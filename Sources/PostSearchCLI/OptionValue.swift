import ArgumentParser
import PostSearch

/// An option's value as typed, checked by postsearch rather than by the argument parser: a bad
/// value is then a bad value (exit status 2, a sentence naming the option), not a malformed
/// command line (64), and a negative number reaches the check instead of being read as an option.
struct OptionValue: ExpressibleByArgument, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    Sendable, Equatable {
    let text: String

    init?(argument: String) { text = argument }
    init(stringLiteral value: String) { text = value }
    init(integerLiteral value: Int) { text = String(value) }
    init(floatLiteral value: Double) { text = String(value) }

    var defaultValueDescription: String { text }

    /// A whole number within `range`.
    func integer(_ option: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text.trimmingWhitespace()), range.contains(value) else {
            throw PostSearchError.invalidParameter(name: "--\(option)", message: "\"\(text)\" is not a whole number from \(Self.describe(range))")
        }
        return value
    }

    /// A number of seconds (or any decimal) within `range`.
    func number(_ option: String, in range: ClosedRange<Double>) throws -> Double {
        guard let value = Double(text.trimmingWhitespace()), value.isFinite, range.contains(value) else {
            throw PostSearchError.invalidParameter(name: "--\(option)", message: "\"\(text)\" is not a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// One of a fixed set of words.
    func choice<Choice: RawRepresentable & CaseIterable>(_ option: String, of _: Choice.Type) throws -> Choice where Choice.RawValue == String {
        guard let value = Choice(rawValue: text.trimmingWhitespace().lowercased()) else {
            throw PostSearchError.invalidParameter(
                name: "--\(option)", message: "\"\(text)\" is not one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "\(range.lowerBound) up" : "\(range.lowerBound) to \(range.upperBound)"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
