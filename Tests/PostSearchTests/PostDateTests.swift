import Testing
@testable import PostSearch

@Suite struct PostDateTests {
    @Test func parsesISODatesAndTimes() throws {
        #expect(PostDate("2021-06-19")?.description == "2021-06-19")
        #expect(PostDate("2021-06-19T09:30:00Z")?.description == "2021-06-19T09:30:00Z")
        #expect(PostDate("2021-06-19 09:30:00")?.description == "2021-06-19T09:30:00")
        #expect(PostDate("2021-06-19T09:30+0200")?.description == "2021-06-19T09:30:00+02:00")
        #expect(PostDate("2021-06-19T09:30:00.123-05:00")?.sortKey == "2021-06-19T09:30:00")
        #expect(PostDate("2020-02-29") != nil)
    }

    @Test(arguments: ["2021-02-31", "0000-00-00", "2019-02-29", "2021-13-01", "21-06-19", "2021-06-19T25:00:00",
                      "2021-06-19Tnoon", "", "yesterday", "2021-06-19T10:00:00+99:00"])
    func rejectsImpossibleDates(_ text: String) {
        #expect(PostDate(text) == nil)
    }

    @Test func sortKeysOrderChronologically() throws {
        let dates = ["2021-06-19T10:00:00", "2020-12-31", "2021-06-19", "2021-01-01T00:00:00Z"].compactMap(PostDate.init)
        #expect(dates.sorted().map(\.description) == ["2020-12-31", "2021-01-01T00:00:00Z", "2021-06-19", "2021-06-19T10:00:00"])
    }
}
