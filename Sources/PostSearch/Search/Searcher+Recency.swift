import Foundation

extension Searcher {
    /// `textQuery` with newer posts weighing more (`RecencyBoost`): Xapian's ValueMapPostingSource
    /// over the day slot, added to the text score with AND_MAYBE, which remote shards run too.
    /// The boost is scaled to the query's best possible text score, found by a match of no hits.
    func boosted(_ textQuery: XapianQuery, filters: SearchFilters, by boost: RecencyBoost) throws -> XapianQuery {
        let probe = try makeEnquire(try filters.apply(to: textQuery, excluding: nil), sort: .relevance, ranks: true)
        let best = try probe.mset(first: 0, maxItems: 0, checkAtLeast: 0).maxPossibleWeight
        guard best > 0 else { return textQuery }
        let today = Int(Date().timeIntervalSince1970 / 86_400)
        var weights: [String: Double] = [:]
        for day in try daysWithPosts() {
            guard let date = PostDate(day) else { continue }
            let age = Double(max(0, today - Self.daysSinceEpoch(date)))
            weights[day] = RecencyBoost.share * best * pow(0.5, age / boost.halfLifeDays)
        }
        return try textQuery.combined(.andMaybe, with: try XapianQuery.valueWeights(slot: Schema.daySlot, weights))
    }

    /// Days from 1970-01-01 to the date's calendar day (Howard Hinnant's days_from_civil).
    static func daysSinceEpoch(_ date: PostDate) -> Int {
        let year = date.month <= 2 ? date.year - 1 : date.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Every day some post was published (`YYYY-MM-DD`), kept per revision.
    func daysWithPosts() throws -> [String] {
        if let days = recencyDays { return days }
        let days = try database.allTerms(prefix: Schema.dayPrefix).map { Schema.day(fromTerm: $0.term) }
        recencyDays = days
        return days
    }
}
