/// A URL query string, decoded as HTML forms encode it (`+` is a space, `%XX` a byte).
/// Repeated keys keep every value, in order. Malformed percent-encoding is an error naming the
/// parameter, not a guess.
public struct QueryStringParameters {
    private(set) var pairs: [(key: String, value: String)] = []

    public init(_ query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(pieces[0], name: String(pieces[0]))
            let value = pieces.count > 1 ? try Self.decode(pieces[1], name: key) : ""
            pairs.append((key, value))
        }
    }

    public func all(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }

    /// The single value of `key`; giving it twice is an error rather than a silent pick.
    public func single(_ key: String) throws -> String? {
        let values = all(key)
        guard values.count <= 1 else { throw PostSearchError.invalidParameter(name: key, message: "give it once, not \(values.count) times") }
        return values.first
    }

    /// Percent-decodes one component (`+` as a space); `name` is the parameter, for errors.
    public static func decode(_ text: Substring, name: String) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw PostSearchError.invalidParameter(name: name, message: "malformed percent-encoding")
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw PostSearchError.invalidParameter(name: name, message: "not valid UTF-8 once decoded")
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
