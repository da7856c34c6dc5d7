// swift-tools-version:6.0
// postsearch: full-text search for archives of posts, on Xapian. GPL-2.0-or-later.
import PackageDescription

let package = Package(
    name: "postsearch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "postsearch", targets: ["postsearch"]),
        .library(name: "PostSearch", targets: ["PostSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // The C surface over libxapian (C++); every exception stops at this boundary.
        .target(
            name: "CXapianShim",
            path: "CXapianShim",
            publicHeadersPath: "include",
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        // Decompression of .tar.gz archives (zlib, which libxapian itself links).
        .systemLibrary(name: "CZlib", path: "CZlib"),
        // The language of a post's text: Google's CLD2 (Debian libcld2-dev), behind a C surface.
        .target(
            name: "CLanguageDetector",
            path: "CLanguageDetector",
            publicHeadersPath: "include",
            linkerSettings: [.linkedLibrary("cld2")]
        ),
        // The one Linux call Swift's Glibc module does not declare: renameat2(RENAME_EXCHANGE).
        .target(name: "CFileSystem", path: "CFileSystem", publicHeadersPath: "include"),
        // libxml2's HTML parser, for web pages (libxml2 is what Foundation's XMLParser runs on).
        .systemLibrary(name: "CLibXML2", path: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "PostSearch",
            dependencies: [
                "CXapianShim", "CZlib", "CLibXML2", "CLanguageDetector", "CFileSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Ink", package: "Ink"),
            ],
            // Live sites are fetched with FoundationNetworking, which runs on libcurl: the static
            // release build (--static-swift-stdlib) must name it (libcurl4-openssl-dev).
            linkerSettings: [.linkedLibrary("curl", .when(platforms: [.linux]))]
        ),
        .target(
            name: "PostSearchServer",
            dependencies: [
                "PostSearch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PostSearchCLI",
            dependencies: [
                "PostSearch", "PostSearchServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "postsearch", dependencies: ["PostSearchCLI"]),
        .testTarget(name: "PostSearchTests", dependencies: ["PostSearch", "CXapianShim"]),
        .testTarget(
            name: "PostSearchServerTests",
            dependencies: [
                "PostSearchServer", "PostSearch",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "PostSearchCLITests", dependencies: ["PostSearchCLI", "postsearch"]),
    ],
    cxxLanguageStandard: .cxx17
)
