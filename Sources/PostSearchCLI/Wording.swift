/// Counts in sentences: "1 post", "3 posts", "1 file", "0 files".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
