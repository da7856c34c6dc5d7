extension PostDate {
    /// Reads the RFC 822 dates of RSS (`Mon, 02 Mar 2009 08:09:33 +0000`): the weekday optional,
    /// two- or four-digit years, seconds optional, a numeric offset or a zone name (GMT, UT, Z,
    /// EST, EDT, CST, CDT, MST, MDT, PST, PDT).
    public static func rfc822(_ raw: String) -> PostDate? {
        var words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," }).map(String.init)
        if let first = words.first, first.first?.isLetter == true { words.removeFirst() }
        guard words.count >= 4, let day = Int(words[0]), let month = months[words[1].prefix(3).lowercased()],
              var year = Int(words[2]) else { return nil }
        if words[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        let clock = words[3].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, clock.allSatisfy({ $0 != nil }) else { return nil }
        let time = Time(hour: clock[0]!, minute: clock[1]!, second: clock.count > 2 ? clock[2]! : 0)
        var offset: String?
        if words.count >= 5 {
            let zone = words[4]
            if let hours = zones[zone.uppercased()] {
                offset = hours == 0 ? "Z" : "\(hours < 0 ? "-" : "+")0\(abs(hours)):00"
            } else if zone.count == 5, let sign = zone.first, sign == "+" || sign == "-", Int(zone.dropFirst()) != nil {
                offset = "\(sign)\(zone.dropFirst().prefix(2)):\(zone.suffix(2))"
            }
        }
        return PostDate(year: year, month: month, day: day, time: time, offset: offset)
    }

    private static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                                 "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    private static let zones = ["GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
                                "MST": -7, "MDT": -6, "PST": -8, "PDT": -7]
}
