// swift-tools-version: 6.0
import PackageDescription

// One library target per pipeline stage. Each stage depends on the shared model (and on the
// Markdown parse where it reads Markdown), never on another stage; `AtriumBuild` composes them
// and `atrium` is a thin command line on top.
let package = Package(
    name: "Atrium",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "atrium", targets: ["atrium"]),
        .library(name: "AtriumBuild", targets: ["AtriumBuild"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CGumbo", pkgConfig: "gumbo", providers: [.apt(["libgumbo-dev"])]),
        .target(name: "CAtriumSystem"),
        .target(name: "Digest", dependencies: ["CAtriumSystem"]),
        .target(name: "AtriumModel"),
        .target(name: "SafeFiles"),
        .target(name: "Interruption"),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        // The history facts (authors, bots, review latency, CODEOWNERS hygiene): pure logic over
        // values, used by Harvest when it reads a history and by the stages that show it.
        .target(name: "History", dependencies: ["AtriumModel"]),
        .target(name: "Harvest", dependencies: ["AtriumModel", "History", "CAtriumSystem", "Interruption", "SafeFiles"]),
        .target(name: "Extract", dependencies: ["AtriumModel", "History", "Markdown", "Yams"]),
        .target(name: "Render", dependencies: ["AtriumModel", "Markdown", "CGumbo"]),
        .target(name: "Index", dependencies: ["AtriumModel", "SafeFiles"]),
        .target(name: "Export", dependencies: ["AtriumModel", "Digest"]),
        .target(name: "Preview", dependencies: ["SafeFiles"]),
        .target(name: "Publish", dependencies: [
            "AtriumModel", "CAtriumSystem", "Digest", "Interruption", "SafeFiles", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "AtriumBuild", dependencies: [
            "AtriumModel", "CAtriumSystem", "Digest", "Markdown", "Harvest", "Extract", "Render", "Index", "Export", "Publish", "SafeFiles",
            "Yams",
        ]),
        .executableTarget(name: "atrium", dependencies: [
            "AtriumBuild", "AtriumModel", "Export", "Interruption", "Preview",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "AtriumTestSupport", path: "Tests/AtriumTestSupport"),
        // Fuzzing (scripts/fuzz): the targets' properties, and a driver that is libFuzzer's
        // entry point when built with -sanitize=fuzzer -D FUZZING, else a replayer.
        .target(name: "FuzzTargets", dependencies: ["AtriumBuild", "AtriumModel", "Extract", "Harvest", "Index", "Markdown", "Render", "CGumbo"],
                path: "Tests/Fuzz/FuzzTargets"),
        .target(name: "CFuzzDriver", path: "Tests/Fuzz/CFuzzDriver"),
        .executableTarget(name: "atrium-fuzz", dependencies: ["FuzzTargets", "CFuzzDriver"], path: "Tests/Fuzz/Driver"),
        .testTarget(name: "RenderTests", dependencies: ["Markdown", "Render", "AtriumModel", "AtriumTestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "HarvestTests", dependencies: ["Harvest", "History", "AtriumModel", "SafeFiles", "AtriumTestSupport"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "AtriumModel", "AtriumTestSupport"]),
        .testTarget(name: "ExtractTests", dependencies: ["Extract", "Harvest", "Markdown", "AtriumModel", "AtriumBuild", "AtriumTestSupport"],
                    exclude: ["Expected", "Snapshots"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "AtriumModel"]),
        .testTarget(name: "IndexTests", dependencies: ["Index", "AtriumModel", "Digest"]),
        .testTarget(name: "PublishTests", dependencies: ["Publish", "AtriumModel", "Digest", "AtriumTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AtriumTestSupport"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets", "Index", "AtriumTestSupport"]),
    ]
)
