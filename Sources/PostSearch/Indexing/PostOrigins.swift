/// The file each post of an import was read from, to notice two files giving the same id (two
/// exports repeating a guid, a post copied to another folder): the later one replaces the
/// earlier in the index, and the report says so, naming both. Files are kept once each, posts
/// as an index into them, so a million posts cost little more than their ids.
struct PostOrigins {
    private var files: [String] = []
    private var fileNumbers: [String: Int32] = [:]
    private var origins: [String: Int32] = [:]

    /// Records that `id` was read from `file`; returns the other file it was read from before, if any.
    mutating func record(id: String, file: String) -> String? {
        let number: Int32
        if let known = fileNumbers[file] {
            number = known
        } else {
            number = Int32(files.count)
            files.append(file)
            fileNumbers[file] = number
        }
        let earlier = origins.updateValue(number, forKey: id)
        guard let earlier, earlier != number else { return nil }
        return files[Int(earlier)]
    }
}
