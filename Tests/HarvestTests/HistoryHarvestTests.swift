import AtriumModel
import AtriumTestSupport
import Foundation
import History
import Testing
@testable import Harvest
#if canImport(Glibc)
import Glibc
#endif

/// The history facts, read from real repositories with controlled dates (``HistoryScenario``)
/// through a `file://` remote, `git daemon`, and a local checkout: the same facts each way.
@Suite struct HistoryHarvestTests {
    typealias S = HistoryScenario
    let now = HistoryScenario.now
    let day = HistoryScenario.day

    func harvester(_ cache: TemporaryFolder, days: Int = 365, now: Int = HistoryScenario.now) -> GitHarvester {
        var settings = GitHarvester.Settings(cacheDirectory: cache.path, maxFileBytes: 1 << 20, now: now)
        settings.deadline = .seconds(60)
        settings.historyDays = days
        return GitHarvester(settings: settings)
    }

    func remote(_ url: String, days: Int = 365, now: Int = HistoryScenario.now) throws -> RepositorySnapshot {
        let cache = try TemporaryFolder()
        let result = harvester(cache, days: days, now: now).harvest(RepositorySource(name: "ledger", location: .remote(url)), url: url)
        #expect(result.outcome == .fetched)
        return try #require(result.snapshot)
    }

    func local(_ folder: String, days: Int = 365, now: Int = HistoryScenario.now) throws -> (RepositorySnapshot, [Diagnostic]) {
        var folders = FolderHarvester(maxFileBytes: 1 << 20, now: now)
        folders.historyDays = days
        let result = folders.harvest(RepositorySource(name: "ledger", location: .folder(folder)), folder: folder)
        return (try #require(result.snapshot), result.diagnostics)
    }

    /// What the scenario's year says, whichever way it is read.
    func expectScenarioFacts(_ history: RepositoryHistory) {
        #expect(history.windowDays == 365)
        #expect(history.windowStart == now - 365 * day)
        #expect(history.lastHumanCommit == now - 10 * day)
        // Erin 1 + carol 1 + 6 branch commits + 5 merges + 3 squashes + Bob 1 + Alice 1; Dave's is outside.
        #expect(history.commits == 18)
        #expect(history.authors == 4)
        #expect(history.botCommits == 2)
        #expect(history.reviewLatency == RepositoryHistory.ReviewLatency(medianHours: 7, p90Hours: 20, merges: 4, unmeasuredMerges: 3))
        #expect(history.codeowners == RepositoryHistory.CodeOwnersHygiene(
            unmatched: [.init(pattern: "/legacy/", source: ".github/CODEOWNERS:3")],
            shadowed: [.init(pattern: "/src/", source: ".github/CODEOWNERS:2"), .init(pattern: "docs/", source: ".github/CODEOWNERS:4")]))
        #expect(history.treePaths == HistoryScenario.paths.count)
        #expect(!history.treePathsCapped)
        #expect(history.authorIndex.map(\.email) == ["12345+bobby@users.noreply.github.com", "alice@acme.example", "carol@acme.example",
                                                      "erin@acme.example"])
        #expect(History.people(declared: S.declared, authors: history.authorIndex, now: now) == [
            .init(handle: "@bobby", status: .active, lastCommit: now - 30 * day),
            .init(handle: "alice@acme.example", status: .active, lastCommit: now - 10 * day),
            .init(handle: "carol@acme.example", status: .inactive, lastCommit: now - 200 * day),
            // 400 days ago is outside the 365-day window: not seen, so not known.
            .init(handle: "Dave Old", status: .unknown, lastCommit: nil),
            .init(handle: "@nobody", status: .unknown, lastCommit: nil),
        ])
    }

    @Test func historyThroughAFileRemote() throws {
        let fixture = try S.make()
        let snapshot = try remote(fixture.fileURL)
        expectScenarioFacts(try #require(snapshot.history))
        // Bots are no activity: the newest human commit, 90 days of human commits.
        #expect(snapshot.activity == Activity(lastCommit: now - 10 * day, recentCommits: 11, recentAuthors: 3, isCapped: false))
        // The .mailmap is read for the history, not shown as a document.
        #expect(snapshot.files.map(\.path) == [".github/CODEOWNERS", "README.md"])
    }

    @Test func sameHistoryThroughGitDaemonAndALocalCheckout() throws {
        let fixture = try S.make()
        let viaFile = try #require(try remote(fixture.fileURL).history)
        let daemon = try GitDaemon(basePath: fixture.folder.path + "/remotes")
        defer { daemon.stop() }
        let viaDaemon = try #require(try remote(daemon.url(for: "ledger.git")).history)
        let (checkout, diagnostics) = try local(fixture.work)
        #expect(diagnostics.isEmpty)
        let viaCheckout = try #require(checkout.history)
        expectScenarioFacts(viaDaemon)
        expectScenarioFacts(viaCheckout)
        #expect(viaDaemon == viaFile)
        #expect(viaCheckout == viaFile)
    }

    /// Dave's last commit, 400 days before the harvest, is outside a 365-day window (so he is
    /// `unknown`, above); with a two-year window it is seen, and he is `inactive`.
    @Test func anOwnerLastSeen400DaysAgoIsInactiveInATwoYearWindow() throws {
        let fixture = try S.make()
        let history = try #require(try remote(fixture.fileURL, days: 730).history)
        #expect(history.commits == 19)
        #expect(history.authors == 5)
        let people = History.people(declared: ["Dave Old", "dave@acme.example"], authors: history.authorIndex, now: now)
        #expect(people == [.init(handle: "Dave Old", status: .inactive, lastCommit: now - 400 * day),
                           .init(handle: "dave@acme.example", status: .inactive, lastCommit: now - 400 * day)])
        let (checkout, _) = try local(fixture.work, days: 730)
        #expect(checkout.history == history)
    }

    @Test func recentHistoryMadeOnlyByBotsIsNoHumanActivity() throws {
        let fixture = try GitFixture(name: "bots", files: ["README.md": "# Bots\n"])
        try fixture.commit(["a.txt": "a\n"], message: "Last human work", name: "Human", email: "human@acme.example", at: now - 400 * day)
        try fixture.commit(["deps.txt": "1\n"], message: "Bump", name: "renovate[bot]", email: "29139614+renovate[bot]@users.noreply.github.com",
                           at: now - 20 * day)
        try fixture.commit(["deps.txt": "2\n"], message: "Bump", name: "Dependabot", email: "support@dependabot.com", at: now - 10 * day)
        try fixture.commit(["ci.txt": "1\n"], message: "Update", name: "github-actions", email: "41898282+github-actions@users.noreply.github.com",
                           at: now - 5 * day)
        try fixture.push()
        let snapshot = try remote(fixture.fileURL)
        let history = try #require(snapshot.history)
        #expect(history.lastHumanCommit == nil)
        #expect(history.commits == 0)
        #expect(history.authors == 0)
        #expect(history.botCommits == 3)
        #expect(history.authorIndex.isEmpty)
        #expect(snapshot.activity == nil)
        // Seen over two years, the human commit is the last one.
        let longer = try #require(try remote(fixture.fileURL, days: 730).history)
        #expect(longer.lastHumanCommit == now - 400 * day)
        #expect(longer.commits == 1)
    }

    /// A window with no commit: the server refuses `--shallow-since`, and the head commit alone is fetched.
    @Test func aWindowWithoutCommitsStillHasTheHeadCommit() throws {
        let fixture = try GitFixture(name: "quiet", files: ["README.md": "# Quiet\n"])
        try fixture.commit(["CODEOWNERS": "* @acme/quiet\n/gone/ @acme/quiet\n"], message: "Owners", name: "Old Timer",
                           email: "old@acme.example", at: now - 1000 * day)
        try fixture.push()
        let snapshot = try remote(fixture.fileURL)
        #expect(snapshot.commit == (try fixture.head()))
        let history = try #require(snapshot.history)
        #expect(history.commits == 0)
        #expect(history.lastHumanCommit == now - 1000 * day)
        #expect(history.authorIndex.map(\.email) == ["old@acme.example"])
        #expect(History.people(declared: ["Old Timer"], authors: history.authorIndex, now: now)
                    == [.init(handle: "Old Timer", status: .inactive, lastCommit: now - 1000 * day)])
        #expect(history.codeowners?.unmatched == [.init(pattern: "/gone/", source: "CODEOWNERS:2")])
        #expect(snapshot.activity?.lastCommit == now - 1000 * day)
        #expect(snapshot.activity?.recentCommits == 0)
        let (checkout, _) = try local(fixture.work)
        #expect(checkout.history == history)
    }

    /// An entry of an Atrium before the history window (no `history`) still decodes, and the
    /// next harvest fetches again to read the history; after that, an unchanged remote is
    /// one ls-remote and keeps it.
    @Test func anOldCacheEntryWithoutHistoryDecodesAndIsFetchedAgain() throws {
        let fixture = try S.make()
        let cache = try TemporaryFolder()
        let git = harvester(cache)
        let source = RepositorySource(name: "ledger", location: .remote(fixture.fileURL))
        #expect(git.harvest(source, url: fixture.fileURL).outcome == .fetched)
        let path = git.cache.folder(for: source, url: fixture.fileURL) + "/snapshot.json"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(json["history"] != nil)
        json["history"] = nil
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        let old = try #require(git.cache.load(for: source, url: fixture.fileURL))
        #expect(old.history == nil)
        #expect(old.snapshot(source: source).file(.readme) != nil)
        let again = git.harvest(source, url: fixture.fileURL)
        #expect(again.outcome == .fetched)
        expectScenarioFacts(try #require(again.snapshot?.history))
        let unchanged = git.harvest(source, url: fixture.fileURL)
        #expect(unchanged.outcome == .unchanged)
        #expect(unchanged.snapshot?.history == again.snapshot?.history)
        // Another window is another harvest.
        #expect(harvester(cache, days: 730).harvest(source, url: fixture.fileURL).outcome == .fetched)
    }

    /// A checkout owned by someone else (a CI container's) is read, and nothing in it changes:
    /// no index refresh, no new files in `.git`.
    @Test func aCheckoutIsReadWithoutChangingIt() throws {
        let fixture = try S.make()
        let before = try listing(fixture.work + "/.git")
        let canChown = getuid() == 0
        if canChown { _ = try runProgram("/bin/chown", ["-R", "65534:65534", fixture.work], timeout: .seconds(30)) }
        defer { if canChown { _ = try? runProgram("/bin/chown", ["-R", "0:0", fixture.work], timeout: .seconds(30)) } }
        let (checkout, diagnostics) = try local(fixture.work)
        #expect(diagnostics.isEmpty)
        expectScenarioFacts(try #require(checkout.history))
        #expect(try listing(fixture.work + "/.git") == before)
    }

    @Test func aFolderThatIsNotACheckoutHasNoHistory() throws {
        let folder = try TemporaryFolder()
        try folder.write("# Plain\n", to: "README.md")
        let (snapshot, diagnostics) = try local(folder.path)
        #expect(snapshot.history == nil)
        #expect(diagnostics.isEmpty)
        // A checkout without commits has none either.
        try GitFixture.git(["init", "-q"], in: folder.path)
        let (empty, emptyDiagnostics) = try local(folder.path)
        #expect(empty.history == nil)
        #expect(emptyDiagnostics.isEmpty)
    }

    /// A checkout's `.mailmap` that is a link out of the folder is not read: the mapping it
    /// holds does not merge the two addresses. The same file inside the folder does.
    @Test func aCheckoutsMailmapThatLeadsOutOfItIsNotRead() throws {
        let fixture = try GitFixture(name: "mapped", files: ["README.md": "# Mapped\n"])
        let now = HistoryScenario.now
        try fixture.commit(["a.txt": "1"], message: "old address", name: "Ann", email: "ann@old.example", at: now - 86_400)
        try fixture.commit(["b.txt": "2"], message: "new address", name: "Ann", email: "ann@new.example", at: now - 3_600)
        let outside = try TemporaryFolder()
        try outside.write("Ann <ann@new.example> <ann@old.example>\n", to: "mailmap")
        try FileManager.default.createSymbolicLink(atPath: fixture.work + "/.mailmap", withDestinationPath: outside.path + "/mailmap")
        let linked = try #require(try local(fixture.work, now: now).0.history)
        #expect(linked.authorIndex.map(\.email).contains("ann@old.example"))
        try FileManager.default.removeItem(atPath: fixture.work + "/.mailmap")
        try "Ann <ann@new.example> <ann@old.example>\n".write(toFile: fixture.work + "/.mailmap", atomically: true, encoding: .utf8)
        let mapped = try #require(try local(fixture.work, now: now).0.history)
        #expect(!mapped.authorIndex.map(\.email).contains("ann@old.example"))
        #expect(mapped.authorIndex.first { $0.email == "ann@new.example" }?.emails.contains("ann@old.example") == true)
    }

    /// The cache's clone keeps the objects of earlier fetches: after a two-year window, a
    /// one-year one still reads one year (the walk stops at the new shallow boundary).
    @Test func aShorterWindowAfterALongerOneReadsOnlyTheShorter() throws {
        let fixture = try S.make()
        let cache = try TemporaryFolder()
        let source = RepositorySource(name: "ledger", location: .remote(fixture.fileURL))
        #expect(harvester(cache, days: 730).harvest(source, url: fixture.fileURL).snapshot?.history?.commits == 19)
        let shorter = harvester(cache, days: 365).harvest(source, url: fixture.fileURL)
        #expect(shorter.outcome == .fetched)
        expectScenarioFacts(try #require(shorter.snapshot?.history))
    }

    /// The limits on commits read and paths listed say when they cut.
    @Test func cappedCommitsAndPathsAreSaidSo() throws {
        let fixture = try S.make()
        let cache = try TemporaryFolder()
        var settings = GitHarvester.Settings(cacheDirectory: cache.path, maxFileBytes: 1 << 20, now: now)
        settings.maxHistoryCommits = 3
        settings.maxTreePaths = 4
        let result = GitHarvester(settings: settings).harvest(RepositorySource(name: "ledger", location: .remote(fixture.fileURL)),
                                                              url: fixture.fileURL)
        let history = try #require(result.snapshot?.history)
        #expect(history.isCapped)
        // The newest three: two by bots, Alice's.
        #expect((history.commits, history.botCommits, history.lastHumanCommit) == (1, 2, now - 10 * day))
        #expect(history.treePaths == 4)
        #expect(history.treePathsCapped)
        var folders = FolderHarvester(maxFileBytes: 1 << 20, now: now)
        folders.maxHistoryCommits = 3
        folders.maxTreePaths = 4
        let checkout = try #require(folders.harvest(RepositorySource(name: "ledger", location: .folder(fixture.work)), folder: fixture.work)
            .snapshot?.history)
        #expect(checkout == history)
    }

    /// Every file under `folder` with its size and modification time.
    func listing(_ folder: String) throws -> [String] {
        let manager = FileManager.default
        let paths = try #require(manager.subpaths(atPath: folder)).sorted()
        return try paths.map { path in
            let attributes = try manager.attributesOfItem(atPath: folder + "/" + path)
            return "\(path) \(attributes[.size] ?? 0) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
    }
}
