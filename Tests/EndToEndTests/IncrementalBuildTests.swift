import AtriumTestSupport
import Foundation
import Testing

/// A catalogue built once, changed, and built again from its build cache: the second build
/// must publish exactly what a clean build of the changed inputs publishes.
final class IncrementalCatalogue: @unchecked Sendable {
    let repos: TemporaryFolder
    let site: TemporaryFolder
    var out: String { site.path + "/public" }
    var cache: String { site.path + "/.atrium/build" }

    init(repositories: Int = 6) throws {
        repos = try TemporaryFolder("repos")
        site = try TemporaryFolder("site")
        try site.write("title: Incremental\nbaseURL: https://catalogue.acme.example/\n", to: "content/site.yml")
        try site.write("# About\n\nHow this catalogue works.\n", to: "content/pages/about.md")
        for index in 0..<repositories { try addRepository(index) }
    }

    func addRepository(_ index: Int) throws {
        let topics = ["payments", "search", "observability"][index % 3]
        try repos.write("""
            ---
            topics: [\(topics)]
            ---
            # Service \(index)

            Service \(index) handles \(topics) for the whole company.

            ## Getting started

            ```sh
            git clone https://git.acme.example/service-\(index).git
            make test
            ```
            """, to: "service-\(index)/README.md")
        try repos.write("""
            # Contributing

            We welcome bug reports and pull requests with documentation fixes.
            We aim to review pull requests within \(index + 1) business days.
            Ask in #service-\(index) on Slack.
            """, to: "service-\(index)/CONTRIBUTING.md")
        try repos.write("* @acme/team-\(index % 2)\n", to: "service-\(index)/CODEOWNERS")
    }

    /// `atrium build --format json` of this catalogue; the report, parsed.
    @discardableResult
    func build(_ extra: [String] = [], site folder: String? = nil, out: String? = nil) throws -> (ProgramOutput, [String: Any]) {
        let result = try AtriumCommand.run(["build", "--site", folder ?? site.path, "--scan", repos.path,
                                            "--out", out ?? self.out, "--format", "json"] + extra)
        #expect(result.status == 0, "\(result.errors)")
        let report = (try? JSONSerialization.jsonObject(with: Data(result.output.utf8))) as? [String: Any] ?? [:]
        return (result, report)
    }

    /// What a build with no cache publishes from the same site and repositories.
    func cleanBuild() throws -> [String: Data] {
        let fresh = try TemporaryFolder("fresh")
        for entry in ["content", "Templates"] where FileManager.default.fileExists(atPath: site.path + "/" + entry) {
            try FileManager.default.copyItem(atPath: site.path + "/" + entry, toPath: fresh.path + "/" + entry)
        }
        try build(site: fresh.path, out: fresh.path + "/public")
        #expect(!FileManager.default.fileExists(atPath: fresh.path + "/public/.atrium-output") == false)
        return tree(fresh.path + "/public")
    }

    func status(_ relativePath: String) -> (inode: UInt64, modified: Date)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: out + "/" + relativePath) else { return nil }
        return ((attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0, attributes[.modificationDate] as? Date ?? .distantPast)
    }
}

func counts(_ report: [String: Any], _ section: String) -> [String: Int] {
    ((report[section] as? [String: Any]) ?? [:]).compactMapValues { $0 as? Int }
}

@Suite(.serialized) struct IncrementalBuildTests {
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case readmeEdited, repositoryAdded, repositoryRemoved, templateOverridden, siteConfigurationChanged,
             atriumVersionChanged
        var testDescription: String { rawValue }
    }

    func apply(_ change: Change, to catalogue: IncrementalCatalogue) throws {
        switch change {
        case .readmeEdited:
            try catalogue.repos.write("# Service 2, renamed\n\nNow it handles refunds as well.\n", to: "service-2/README.md")
        case .repositoryAdded:
            try catalogue.addRepository(9)
        case .repositoryRemoved:
            try FileManager.default.removeItem(atPath: catalogue.repos.path + "/service-3")
        case .templateOverridden:
            let list = try String(contentsOfFile: Checkout.root + "/Templates/list.mustache", encoding: .utf8)
            try catalogue.site.write("<!-- the site's own list -->\n" + list, to: "Templates/list.mustache")
        case .siteConfigurationChanged:
            try catalogue.site.write("title: Incremental, renamed\nbaseURL: https://catalogue.acme.example/\n",
                                     to: "content/site.yml")
        case .atriumVersionChanged:
            // What a build by another version of Atrium left: every cache file says so in its
            // header, and none of it may be used.
            for name in ["record.json", "postings.bin"] {
                let path = catalogue.cache + "/" + name
                var lines = try Data(contentsOf: URL(fileURLWithPath: path)).split(separator: UInt8(ascii: "\n"), maxSplits: 1,
                                                                                   omittingEmptySubsequences: false)
                let rest = lines.removeLast().split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false)[1]
                try Data(lines[0] + Data("\n0.0.1-other\n".utf8) + rest).write(to: URL(fileURLWithPath: path))
            }
        }
    }

    @Test(arguments: Change.allCases) func anIncrementalBuildPublishesWhatACleanBuildDoes(_ change: Change) throws {
        let catalogue = try IncrementalCatalogue()
        try catalogue.build()
        try apply(change, to: catalogue)
        let (result, report) = try catalogue.build()
        #expect(tree(catalogue.out) == (try catalogue.cleanBuild()), "after \(change)")
        let cache = counts(report, "cache")
        switch change {
        case .readmeEdited:
            #expect(cache["rebuilt"] == 1 && cache["reused"] == 5)
        case .repositoryAdded:
            #expect(cache["rebuilt"] == 1 && cache["reused"] == 6)
        case .repositoryRemoved:
            #expect(cache["rebuilt"] == 0 && cache["reused"] == 5)
            #expect(!FileManager.default.fileExists(atPath: catalogue.out + "/projects/service-3"))
        case .templateOverridden, .siteConfigurationChanged:
            #expect(cache["rebuilt"] == 6 && cache["reused"] == 0)
        case .atriumVersionChanged:
            #expect(cache["rebuilt"] == 6)
            #expect(result.errors.contains("warning: build cache: .atrium/build/record.json: written by Atrium 0.0.1-other"),
                    "\(result.errors)")
        }
    }

    @Test func aRebuildWithNothingChangedWritesNothingAndKeepsEveryFile() throws {
        let catalogue = try IncrementalCatalogue()
        try catalogue.build()
        let before = tree(catalogue.out)
        let page = catalogue.status("projects/service-1/index.html")
        let home = catalogue.status("index.html")
        let (_, report) = try catalogue.build()
        #expect(counts(report, "files")["written"] == 0)
        #expect(counts(report, "files")["kept"] == before.count - 1)  // all but the marker
        #expect(counts(report, "cache")["reused"] == 6)
        #expect(tree(catalogue.out) == before)
        #expect(catalogue.status("projects/service-1/index.html")! == page!)
        #expect(catalogue.status("index.html")! == home!)
    }

    @Test func oneChangedReadmeRewritesItsPageAndLeavesTheOthersUntouched() throws {
        let catalogue = try IncrementalCatalogue()
        try catalogue.build()
        let other = catalogue.status("projects/service-1/index.html")
        let otherTopic = catalogue.status("topics/search/index.html")
        let madeFromListings = ["index.html", "feed.xml", "repos.json", "owners/index.html"].map { ($0, catalogue.status($0)) }
        let readme = catalogue.repos.path + "/service-4/README.md"
        // A folder's "updated" time is its newest document's modification time, which the feed
        // and the portal export carry: the edit keeps the time it had, so that only the text
        // changes, whatever second the edit lands in.
        let modified = try FileManager.default.attributesOfItem(atPath: readme)[.modificationDate] as! Date
        try (read(readme) + "\n\n## Indexing\n\nNow indexing too.\n").write(toFile: readme, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: readme)
        try catalogue.build()
        #expect(read(catalogue.out + "/projects/service-4/index.html").contains("Now indexing too."))
        #expect(catalogue.status("projects/service-1/index.html")! == other!)
        // service-4 is a search project, but its card (name, description, topics…) is the
        // same: the topic's list page is not made again, and neither are the home page, the
        // lists, the feed and the portal export, which are made from the cards alone.
        #expect(catalogue.status("topics/search/index.html")! == otherTopic!)
        for (path, before) in madeFromListings {
            #expect(catalogue.status(path)! == before!, "\(path) was written again")
        }
        #expect(tree(catalogue.out) == (try catalogue.cleanBuild()))

        // The same file touched an hour later: the project was updated, and the feed says so.
        let feed = read(catalogue.out + "/feed.xml")
        try FileManager.default.setAttributes([.modificationDate: modified.addingTimeInterval(3600)], ofItemAtPath: readme)
        try catalogue.build()
        #expect(read(catalogue.out + "/feed.xml") != feed)
        #expect(tree(catalogue.out) == (try catalogue.cleanBuild()))
    }

    @Test func aPublishedFileChangedByHandIsPutRight() throws {
        let catalogue = try IncrementalCatalogue()
        try catalogue.build()
        try catalogue.site.write("defaced", to: "public/projects/service-0/index.html")
        try catalogue.site.write("stray", to: "public/projects/stray/index.html")
        try catalogue.build()
        #expect(tree(catalogue.out) == (try catalogue.cleanBuild()))
    }
}

/// A cache file that is truncated, random bytes or from another version is reported by name,
/// not used, and the build publishes what a clean build does.
@Suite(.serialized) struct DamagedBuildCacheTests {
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case truncated, randomBytes, anotherVersion, emptyFile
        var testDescription: String { rawValue }

        func apply(to path: String) throws {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            switch self {
            case .truncated:
                try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: path))
            case .randomBytes:
                var generator = SystemRandomNumberGenerator()
                try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: path))
            case .anotherVersion:
                let text = String(decoding: bytes, as: UTF8.self)
                let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
                try Data((lines[0] + "\n9.9.9\n" + lines[2]).utf8).write(to: URL(fileURLWithPath: path))
            case .emptyFile:
                try Data().write(to: URL(fileURLWithPath: path))
            }
        }
    }

    static let cases: [(String, Damage)] = ["record.json", "postings.bin"].flatMap { file in Damage.allCases.map { (file, $0) } }

    @Test(arguments: cases) func aDamagedCacheFileIsReportedAndRebuilt(_ file: String, _ damage: Damage) throws {
        let catalogue = try IncrementalCatalogue()
        try catalogue.build()
        try damage.apply(to: catalogue.cache + "/" + file)
        // The postings are read only when a project changed.
        try catalogue.repos.write("# Service 5\n\nService 5, edited.\n", to: "service-5/README.md")
        let (result, report) = try catalogue.build()
        #expect(result.errors.contains("warning: build cache: .atrium/build/\(file): "), "\(result.errors)")
        #expect(result.errors.contains("; rebuilt"))
        #expect(((report["cache"] as? [String: Any])?["problems"] as? [String])?.count == 1)
        #expect(tree(catalogue.out) == (try catalogue.cleanBuild()))
        // And the build after it has a sound cache again.
        let (again, _) = try catalogue.build()
        #expect(!again.errors.contains("build cache"), "\(again.errors)")
    }
}

/// `atrium build --format json` and the progress line.
@Suite struct BuildReportTests {
    @Test func theJSONReportHasCountsDiagnosticsAndEveryStepsSeconds() throws {
        let catalogue = try IncrementalCatalogue(repositories: 3)
        try catalogue.repos.write("not a readme", to: "no-readme/notes.txt")
        let (result, report) = try catalogue.build()
        #expect(report["projectCount"] as? Int == 4)
        #expect(report["outputDirectory"] as? String == URL(fileURLWithPath: catalogue.out).standardizedFileURL.path)
        let steps = report["steps"] as? [[String: Any]] ?? []
        #expect(steps.map { $0["step"] as? String } == ["load site", "repositories", "index", "site pages", "commit"])
        #expect(steps.allSatisfy { ($0["seconds"] as? Double ?? -1) >= 0 })
        let diagnostics = report["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.contains { $0["repository"] as? String == "no-readme" && $0["severity"] as? String == "warning" })
        #expect(counts(report, "cache") == ["reused": 0, "rebuilt": 4])
        #expect((counts(report, "files")["written"] ?? 0) > 10)
        // The diagnostics also go to stderr as lines; stdout is the JSON alone.
        #expect(result.errors.contains("warning: no-readme:"))
        #expect(result.output.hasPrefix("{") && result.output.hasSuffix("}\n"))
    }

    @Test func progressIsSilentWhenStandardOutputIsNotATerminal() throws {
        let catalogue = try IncrementalCatalogue(repositories: 2)
        let result = try AtriumCommand.run(["build", "--site", catalogue.site.path, "--scan", catalogue.repos.path],
                                           environment: ProcessInfo.processInfo.environment.filter { $0.key != "CI" })
        #expect(result.status == 0)
        #expect(!result.output.contains("\r") && !result.output.contains("[2/5]"), "\(result.output)")
        #expect(result.output.hasPrefix("Published 2 projects"))
    }

    /// On a terminal (a pseudo-terminal from util-linux's `script`) the steps are shown.
    @Test func progressIsShownOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("util-linux `script` is missing: cannot give atrium a terminal")
            return
        }
        let catalogue = try IncrementalCatalogue(repositories: 2)
        let command = [Checkout.binary, "build", "--site", catalogue.site.path, "--scan", catalogue.repos.path]
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        var environment = ProcessInfo.processInfo.environment.filter { $0.key != "CI" }
        environment["TERM"] = "xterm"
        environment["ATRIUM_THEME"] = Checkout.root + "/Templates"
        let result = try runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment,
                                    timeout: .seconds(120))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("[2/5] repositories 2/2"), "\(result.output)")
        #expect(result.output.contains("Published 2 projects"))
        // Under CI the same terminal shows none of it.
        environment["CI"] = "true"
        let quiet = try runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment,
                                   timeout: .seconds(120))
        #expect(!quiet.output.contains("[2/5]"), "\(quiet.output)")
    }
}

/// Builds of one site at the same time (two CI jobs, a build beside `serve`) share its
/// `.atrium/`: the second waits for the first, and neither breaks the other's cache.
@Suite struct ConcurrentBuildTests {
    @Test func aSecondBuildOfTheSameSiteWaitsForTheFirst() throws {
        let catalogue = try IncrementalCatalogue(repositories: 3)
        try catalogue.build()
        // Held here as a running build holds it.
        let descriptor = open(catalogue.site.path + "/.atrium/lock", O_RDWR)
        #expect(descriptor >= 0)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let second = catalogue.site.path + "/second"
        let waiting = try RunningProgram(Checkout.binary, ["build", "--site", catalogue.site.path, "--scan", catalogue.repos.path,
                                                           "--out", second])
        // While the lock is held nothing is published; a build that ignored it would be done
        // well within this time.
        let publishedEarly = eventually(within: 3) { FileManager.default.fileExists(atPath: second + "/index.html") }
        #expect(!publishedEarly)
        #expect(waiting.process.isRunning)
        close(descriptor)
        let result = try waiting.wait(timeout: .seconds(120))
        #expect(result.status == 0, "\(result.errors)")
        #expect(!result.errors.contains("build cache"), "\(result.errors)")
        #expect(tree(second) == tree(catalogue.out))
    }

    @Test func twoBuildsAtOnceBothPublishAndLeaveASoundCache() throws {
        let catalogue = try IncrementalCatalogue(repositories: 4)
        let outs = ["a", "b"].map { catalogue.site.path + "/public-" + $0 }
        let builds = try outs.map { out in
            try RunningProgram(Checkout.binary, ["build", "--site", catalogue.site.path, "--scan", catalogue.repos.path, "--out", out])
        }
        for build in builds {
            let result = try build.wait(timeout: .seconds(120))
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.errors.isEmpty, "\(result.errors)")
        }
        #expect(tree(outs[0]).count > 10)
        #expect(tree(outs[0]) == tree(outs[1]))
        // The record is of whichever build finished last: sound, and for its own output.
        let published = tree(outs[1])
        let (after, _) = try catalogue.build(out: outs[1])
        #expect(!after.errors.contains("build cache"), "\(after.errors)")
        #expect(tree(outs[1]) == published)
        let (again, report) = try catalogue.build(out: outs[1])
        #expect(!again.errors.contains("build cache"), "\(again.errors)")
        #expect(counts(report, "cache")["reused"] == 4)
    }
}

/// The postings runs a build sets aside (`.atrium/build/spill-<pid>/`) go with it; those of a
/// build that was killed half-way are removed by the next, and a running build's are left.
@Suite struct AbandonedRunsTests {
    @Test func theRunsOfABuildThatIsGoneAreRemovedAndARunningOnesAreKept() throws {
        let catalogue = try IncrementalCatalogue(repositories: 2)
        try catalogue.build()
        #expect(try FileManager.default.contentsOfDirectory(atPath: catalogue.cache).allSatisfy { !$0.hasPrefix("spill-") },
                "a finished build leaves no runs")
        // No process has this number (Linux numbers them below 2^22); this test's own
        // process stands for a build still running.
        let gone = catalogue.cache + "/spill-4194999", running = catalogue.cache + "/spill-\(getpid())"
        for folder in [gone, running] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: folder + "/run-0", contents: Data(repeating: 7, count: 4096)))
        }
        try catalogue.build()
        #expect(!FileManager.default.fileExists(atPath: gone))
        #expect(FileManager.default.fileExists(atPath: running + "/run-0"))
    }
}

/// A site folder where `.atrium/` cannot be made (a read-only checkout, or `.atrium` a file)
/// still builds: without the lock, through a cache of its own that is not kept, and says so.
@Suite struct UnwritableCacheTests {
    @Test func aSiteWhoseCacheCannotBeMadeStillPublishes() throws {
        let catalogue = try IncrementalCatalogue(repositories: 3)
        _ = try catalogue.site.write("not a folder\n", to: ".atrium")
        let (result, report) = try catalogue.build()
        #expect(result.errors.contains("warning: build lock: .atrium/lock: Not a directory; built without it"), "\(result.errors)")
        #expect(result.errors.contains("warning: build cache: .atrium/build: Not a directory; this build keeps no cache"))
        #expect(counts(report, "cache")["rebuilt"] == 3)
        #expect(tree(catalogue.out) == (try catalogue.cleanBuild()))
        #expect(try String(contentsOfFile: catalogue.site.path + "/.atrium", encoding: .utf8) == "not a folder\n")
    }
}
