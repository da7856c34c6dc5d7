// The `postsearch` command-line tool. GPL-2.0-or-later.
import PostSearchCLI

@main
enum PostSearchMain {
    static func main() async {
        await PostSearchCommand.main(nil)
    }
}
