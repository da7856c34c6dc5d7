/// A calendar date with an optional time of day and UTC offset, as the source wrote it.
///
/// Written and read as ISO 8601: `2021-06-19`, `2021-06-19T10:30:00`, `2021-06-19T10:30:00Z`,
/// `2021-06-19T10:30:00+02:00`. Postsearch sorts, filters and buckets by the local date and time
/// (the day the site showed), so the offset is only kept for display.
public struct PostDate: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public struct Time: Sendable, Hashable {
        public var hour: Int, minute: Int, second: Int
    }

    public let year: Int, month: Int, day: Int
    public let time: Time?
    /// "Z", "+02:00", or nil when the source gave no offset.
    public let offset: String?

    /// Validates the calendar: `PostDate(year: 2021, month: 2, day: 31)` is nil.
    public init?(year: Int, month: Int, day: Int, time: Time? = nil, offset: String? = nil) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...PostDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        if let time {
            guard (0...23).contains(time.hour), (0...59).contains(time.minute), (0...60).contains(time.second) else { return nil }
        }
        self.year = year; self.month = month; self.day = day; self.time = time; self.offset = offset
    }

    /// Parses ISO 8601 (`YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and `Z` / `±HH:MM`);
    /// a space may stand for the `T` (as in WordPress exports).
    public init?(_ text: String) {
        let s = Array(text.trimmingWhitespace().utf8)
        guard s.count >= 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              let y = digits(s, 0, 4), let m = digits(s, 5, 2), let d = digits(s, 8, 2) else { return nil }
        if s.count == 10 { self.init(year: y, month: m, day: d); return }
        guard s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " ") || s[10] == UInt8(ascii: "t"),
              s.count >= 16, s[13] == UInt8(ascii: ":"),
              let hh = digits(s, 11, 2), let mm = digits(s, 14, 2) else { return nil }
        var i = 16
        var ss = 0
        if i < s.count, s[i] == UInt8(ascii: ":") {
            guard let sec = digits(s, i + 1, 2) else { return nil }
            ss = sec
            i += 3
            if i < s.count, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",") {
                i += 1
                let start = i
                while i < s.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(s[i]) { i += 1 }
                guard i > start else { return nil }
            }
        }
        var offset: String?
        if i < s.count {
            let rest = String(decoding: s[i...], as: UTF8.self)
            if rest == "Z" || rest == "z" {
                offset = "Z"
            } else if rest.count == 6, let sign = rest.first, sign == "+" || sign == "-",
                      let oh = digits(Array(rest.utf8), 1, 2), Array(rest.utf8)[3] == UInt8(ascii: ":"),
                      let om = digits(Array(rest.utf8), 4, 2), oh <= 23, om <= 59 {
                offset = rest
            } else if rest.count == 5, let sign = rest.first, sign == "+" || sign == "-",
                      let oh = digits(Array(rest.utf8), 1, 2), let om = digits(Array(rest.utf8), 3, 2), oh <= 23, om <= 59 {
                offset = "\(sign)\(rest.dropFirst().prefix(2)):\(rest.suffix(2))"
            } else {
                return nil
            }
        }
        self.init(year: y, month: m, day: d, time: Time(hour: hh, minute: mm, second: ss), offset: offset)
    }

    public var description: String {
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if let time {
            text += "T\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
            if let offset { text += offset }
        }
        return text
    }

    /// `YYYY-MM-DD`.
    public var dayString: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    /// `YYYY-MM`: the month facet's bucket.
    public var monthString: String { "\(pad(year, 4))-\(pad(month, 2))" }
    /// `YYYY`: the year facet's bucket.
    public var yearString: String { pad(year, 4) }

    /// Byte-wise sortable local date and time, the value slot used for sorting and ranges.
    public var sortKey: String {
        guard let time else { return dayString }
        return "\(dayString)T\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
    }

    /// The instant in UTC when the source gave an offset, else the local time: what sorting uses,
    /// so posts written in different zones interleave correctly.
    public var instantKey: String {
        guard let time, let offset, offset != "Z" else { return sortKey }
        let sign = offset.hasPrefix("-") ? -1 : 1
        let parts = offset.dropFirst().split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 else { return sortKey }
        let offsetMinutes = sign * (parts[0] * 60 + parts[1])
        var minutes = time.hour * 60 + time.minute - offsetMinutes
        var (y, m, d) = (year, month, day)
        while minutes < 0 { minutes += 1440; (y, m, d) = Self.dayBefore(y, m, d) }
        while minutes >= 1440 { minutes -= 1440; (y, m, d) = Self.dayAfter(y, m, d) }
        guard let shifted = PostDate(year: y, month: m, day: d, time: Time(hour: minutes / 60, minute: minutes % 60, second: time.second)) else {
            return sortKey
        }
        return shifted.sortKey
    }

    private static func dayBefore(_ y: Int, _ m: Int, _ d: Int) -> (Int, Int, Int) {
        if d > 1 { return (y, m, d - 1) }
        if m > 1 { return (y, m - 1, daysIn(month: m - 1, year: y)) }
        return (y - 1, 12, 31)
    }

    private static func dayAfter(_ y: Int, _ m: Int, _ d: Int) -> (Int, Int, Int) {
        if d < daysIn(month: m, year: y) { return (y, m, d + 1) }
        if m < 12 { return (y, m + 1, 1) }
        return (y + 1, 1, 1)
    }

    public static func < (a: PostDate, b: PostDate) -> Bool { a.sortKey < b.sortKey }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = PostDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func digits(_ s: [UInt8], _ start: Int, _ count: Int) -> Int? {
    guard start + count <= s.count else { return nil }
    var value = 0
    for i in start..<start + count {
        let c = s[i]
        guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(c - UInt8(ascii: "0"))
    }
    return value
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}

extension PostDate {
    /// Also reads the looser forms blogs write: `2013-4-23`, `2021-06-19 10:00:00 +0200` (a space
    /// before the offset), `2021/06/19`, `2013-11-22 5:00:00 +0000` (a one-digit hour, as Jekyll
    /// accepts).
    public static func loose(_ raw: String) -> PostDate? {
        let text = raw.trimmingWhitespace()
        if let date = PostDate(text) { return date }
        var parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { return nil }
        let ymd = first.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard ymd.count == 3, ymd[0].count == 4, ymd[1].count <= 2, ymd[2].count <= 2,
              ymd.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        parts[0] = "\(ymd[0])-\(ymd[1].count == 1 ? "0" : "")\(ymd[1])-\(ymd[2].count == 1 ? "0" : "")\(ymd[2])"
        if parts.count >= 2, parts[1].count >= 2, parts[1].first!.isNumber, parts[1].dropFirst().first == ":" { parts[1] = "0" + parts[1] }
        switch parts.count {
        case 1: return PostDate(parts[0])
        case 2: return PostDate(parts[0] + "T" + parts[1])
        case 3 where parts[2].first == "+" || parts[2].first == "-" || parts[2] == "Z" || parts[2] == "UTC":
            return PostDate(parts[0] + "T" + parts[1] + (parts[2] == "UTC" ? "Z" : parts[2]))
        default: return nil
        }
    }
}
