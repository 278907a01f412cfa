import AtriumModel
import AtriumTestSupport
import Foundation
import Testing
@testable import Harvest

/// Harvesting real git repositories through `file://` remotes (a real `git upload-pack`).
@Suite struct GitHarvesterTests {
    static let documents = [
        "README.md": "# Ledger\n\nDouble-entry bookkeeping for every product.\n",
        "CONTRIBUTING.md": "## What we accept\n\n- Bug fixes\n",
        ".github/CODEOWNERS": "* @acme/ledger\n",
        "src/main.swift": String(repeating: "print(\"source code, never harvested\")\n", count: 2000),
        "docs/guide/deep.md": "not a documentation file the catalogue reads\n",
    ]

    func harvester(_ cache: TemporaryFolder, now: Int = 2_000_000_000, deadline: Duration = .seconds(60),
                   offline: Bool = false, maxFileBytes: Int = 1 << 20) -> GitHarvester {
        var settings = GitHarvester.Settings(cacheDirectory: cache.path, maxFileBytes: maxFileBytes, now: now)
        settings.deadline = deadline
        settings.offline = offline
        return GitHarvester(settings: settings)
    }

    func source(_ fixture: GitFixture, branch: String? = nil) -> RepositorySource {
        RepositorySource(name: fixture.name, location: .remote(fixture.fileURL), branch: branch)
    }

    /// Objects present in the cache's clone, without fetching any (`--batch-all-objects`
    /// lists only local ones).
    func localObjects(_ harvester: GitHarvester, _ fixture: GitFixture) throws -> Set<String> {
        let directory = harvester.cache.repositoryDirectory(for: source(fixture), url: fixture.fileURL)
        let listing = try GitFixture.git(["--git-dir", directory, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)"],
                                         in: "/")
        return Set(listing.split(separator: "\n").map(String.init))
    }

    @Test func firstHarvestReadsOnlyTheDocumentationFiles() throws {
        let fixture = try GitFixture(name: "ledger", files: Self.documents)
        let cache = try TemporaryFolder()
        let git = harvester(cache)
        let result = git.harvest(source(fixture), url: fixture.fileURL)
        #expect(result.outcome == .fetched)
        #expect(result.diagnostics.isEmpty)
        let snapshot = try #require(result.snapshot)
        #expect(snapshot.files.map(\.path) == [".github/CODEOWNERS", "CONTRIBUTING.md", "README.md"])
        #expect(snapshot.file(.readme)?.text == Self.documents["README.md"])
        #expect(snapshot.commit == (try GitFixture.git(["rev-parse", "HEAD"], in: fixture.work)).trimmingCharacters(in: .whitespacesAndNewlines))
        // The source file's blob was never fetched.
        let sourceBlob = try GitFixture.git(["rev-parse", "HEAD:src/main.swift"], in: fixture.work).trimmingCharacters(in: .whitespacesAndNewlines)
        let readmeBlob = try GitFixture.git(["rev-parse", "HEAD:README.md"], in: fixture.work).trimmingCharacters(in: .whitespacesAndNewlines)
        let objects = try localObjects(git, fixture)
        #expect(objects.contains(readmeBlob))
        #expect(!objects.contains(sourceBlob))
    }

    @Test func unchangedRemoteCostsOneLsRemoteAndAChangedOneIsFetched() throws {
        let fixture = try GitFixture(name: "ledger", files: Self.documents)
        let cache = try TemporaryFolder()
        let git = harvester(cache)
        #expect(git.harvest(source(fixture), url: fixture.fileURL).outcome == .fetched)
        let again = git.harvest(source(fixture), url: fixture.fileURL)
        #expect(again.outcome == .unchanged)
        #expect(again.snapshot?.file(.readme)?.text == Self.documents["README.md"])

        try fixture.commit(["README.md": "# Ledger\n\nNow with multi-currency support.\n"], message: "docs")
        try fixture.push()
        let changed = git.harvest(source(fixture), url: fixture.fileURL)
        #expect(changed.outcome == .fetched)
        #expect(changed.snapshot?.file(.readme)?.text == "# Ledger\n\nNow with multi-currency support.\n")
    }

    @Test func forcePushedHistoryIsFollowed() throws {
        let fixture = try GitFixture(name: "ledger", files: Self.documents)
        let cache = try TemporaryFolder()
        let git = harvester(cache)
        _ = git.harvest(source(fixture), url: fixture.fileURL)
        try GitFixture.git(["reset", "-q", "--hard", "HEAD"], in: fixture.work)
        try fixture.commit(["README.md": "# Ledger\n\nRewritten history.\n"], message: "rewrite")
        try GitFixture.git(["-c", "user.name=Dev", "-c", "user.email=dev@acme.example", "commit", "-q", "--amend", "-m", "amended"],
                           in: fixture.work)
        try fixture.push(force: true)
        let result = git.harvest(source(fixture), url: fixture.fileURL)
        #expect(result.outcome == .fetched)
        #expect(result.snapshot?.file(.readme)?.text == "# Ledger\n\nRewritten history.\n")
    }

    @Test func deletedRepositoryShowsTheLastGoodSnapshotMarkedStale() throws {
        let fixture = try GitFixture(name: "ledger", files: Self.documents)
        let cache = try TemporaryFolder()
        let git = harvester(cache, now: 2_000_000_000)
        _ = git.harvest(source(fixture), url: fixture.fileURL)
        try FileManager.default.removeItem(atPath: fixture.bare)
        let result = harvester(cache, now: 2_000_086_400).harvest(source(fixture), url: fixture.fileURL)
        #expect(result.outcome == .stale)
        #expect(result.snapshot?.staleSince == 2_000_000_000)
        #expect(result.snapshot?.file(.readme)?.text == Self.documents["README.md"])
        #expect(result.diagnostics.map(\.description) == [
            "error: ledger: \(fixture.fileURL): repository not found (deleted, renamed, or not readable); showing the last good snapshot, from 2033-05-18",
        ])
    }

    @Test func renamedBranchIsReportedAndTheLastGoodSnapshotKept() throws {
        let fixture = try GitFixture(name: "ledger", files: Self.documents, branch: "master")
        let cache = try TemporaryFolder()
        let git = harvester(cache)
        #expect(git.harvest(source(fixture, branch: "master"), url: fixture.fileURL).outcome == .fetched)
        try GitFixture.git(["branch", "-m", "master", "main"], in: fixture.bare)
        let result = git.harvest(source(fixture, branch: "master"), url: fixture.fileURL)
        #expect(result.outcome == .stale)
        #expect(result.diagnostics.first?.message.contains("branch master not found on the remote") == true)
    }

    @Test func emptyRepository() throws {
        let folder = try TemporaryFolder()
        try GitFixture.git(["init", "-q", "--bare", folder.path + "/empty.git"], in: folder.path)
        let cache = try TemporaryFolder()
        let url = "file://" + folder.path + "/empty.git"
        let result = harvester(cache).harvest(RepositorySource(name: "empty", location: .remote(url)), url: url)
        #expect(result.outcome == .failed)
        #expect(result.snapshot == nil)
        #expect(result.diagnostics.first?.message.contains("empty") == true)
    }

    @Test func hugeDocumentIsRefusedAndTheOthersAreRead() throws {
        var files = Self.documents
        files["CONTRIBUTING.md"] = String(repeating: "All work and no play. ", count: 1000)
        let fixture = try GitFixture(name: "ledger", files: files)
        let cache = try TemporaryFolder()
        let result = harvester(cache, maxFileBytes: 4096).harvest(source(fixture), url: fixture.fileURL)
        #expect(result.snapshot?.file(.contributing) == nil)
        #expect(result.snapshot?.file(.readme) != nil)
        #expect(result.diagnostics.map(\.description) == [
            "error: ledger: CONTRIBUTING.md: file is 22000 bytes, over the 4096-byte limit; not read",
        ])
    }

    /// A document that does not compress below the limit is stopped as it arrives: through a
    /// proxy that counts what the git daemon sends, far less than the file crosses the wire.
    @Test(arguments: [1, 3])
    func incompressibleHugeDocumentNeverCrossesTheWire(documentsBesideIt: Int) throws {
        var files = ["README.md": "# Ledger\n\nBooks.\n"]
        if documentsBesideIt > 1 {
            files["CODEOWNERS"] = "* @acme/ledger\n"
            files["MAINTAINERS"] = "Jane Roe <jane@acme.example>\n"
        }
        // 21 MB of random text: a pack cannot make it smaller than 16 MB.
        let noise = try #require(FileHandle(forReadingAtPath: "/dev/urandom")).readData(ofLength: 16 << 20)
        files["CONTRIBUTING.md"] = noise.base64EncodedString()
        let fixture = try GitFixture(name: "ledger", files: files)
        let daemon = try GitDaemon(basePath: fixture.folder.path + "/remotes")
        defer { daemon.stop() }
        let proxy = try CountingProxy(forwardingTo: daemon.port)
        defer { proxy.stop() }
        let cache = try TemporaryFolder()
        let url = proxy.url(for: "ledger.git")
        let result = harvester(cache, maxFileBytes: 64 << 10).harvest(
            RepositorySource(name: "ledger", location: .remote(url)), url: url)
        #expect(result.outcome == .fetched)
        #expect(result.snapshot?.file(.contributing) == nil)
        #expect(result.snapshot?.file(.readme)?.text == "# Ledger\n\nBooks.\n")
        #expect(result.snapshot?.files.count == documentsBesideIt)
        let message = try #require(result.diagnostics.first?.description)
        #expect(result.diagnostics.count == 1)
        #expect(message.hasPrefix("error: ledger: CONTRIBUTING.md: file is over the 65536-byte limit (its download was stopped after "))
        // What is in flight when the fetch is stopped (socket buffers on loopback) still arrives:
        // a few megabytes, against the 16 the whole file would take.
        #expect(proxy.bytesFromServer < 8 << 20, "\(proxy.bytesFromServer) bytes crossed the wire")
    }

    @Test func symbolicLinksInTheRepositoryAreNotFollowed() throws {
        let fixture = try GitFixture(name: "ledger", files: Self.documents)
        try FileManager.default.createSymbolicLink(atPath: fixture.work + "/SECURITY.md", withDestinationPath: "/etc/passwd")
        try fixture.commit([:], message: "link")
        try fixture.push()
        let cache = try TemporaryFolder()
        let result = harvester(cache).harvest(source(fixture), url: fixture.fileURL)
        #expect(result.snapshot?.file(.security) == nil)
        #expect(result.diagnostics.map(\.description) == [
            "error: ledger: SECURITY.md: symbolic link in the repository; not followed",
        ])
    }

    @Test func activityComesFromHistory() throws {
        let fixture = try GitFixture(name: "ledger", files: Self.documents)
        try fixture.commit(["CHANGELOG.md": "1.1\n"], message: "second", author: "other@acme.example")
        try fixture.push()
        let cache = try TemporaryFolder()
        let now = Int(Date().timeIntervalSince1970)
        let activity = try #require(harvester(cache, now: now).harvest(source(fixture), url: fixture.fileURL).snapshot?.activity)
        #expect(activity.recentCommits == 2)
        #expect(activity.recentAuthors == 2)
        #expect(abs(activity.lastCommit - now) < 600)
        // Ten years on, the same history is not recent.
        let later = try TemporaryFolder()
        let old = try #require(harvester(later, now: now + 3650 * 86400).harvest(source(fixture), url: fixture.fileURL).snapshot?.activity)
        #expect(old.recentCommits == 0)
    }

    @Test func offlineBuildsUseTheCacheAndNeverTheNetwork() throws {
        let fixture = try GitFixture(name: "ledger", files: Self.documents)
        let cache = try TemporaryFolder()
        _ = harvester(cache).harvest(source(fixture), url: fixture.fileURL)
        try FileManager.default.removeItem(atPath: fixture.bare)
        let result = harvester(cache, offline: true).harvest(source(fixture), url: fixture.fileURL)
        #expect(result.outcome == .cached)
        #expect(result.diagnostics.isEmpty)
        let empty = try TemporaryFolder()
        #expect(harvester(empty, offline: true).harvest(source(fixture), url: fixture.fileURL).outcome == .failed)
    }
}

@Suite struct RedactionTests {
    @Test func credentialsNeverAppear() {
        #expect(Redaction.url("https://jdoe:ghp_s3cret@git.acme.example/team/repo.git") == "https://***@git.acme.example/team/repo.git")
        #expect(Redaction.url("https://oauth2:tok@host/x?y=z@w") == "https://***@host/x?y=z@w")
        #expect(Redaction.url("git@git.acme.example:team/repo.git") == "git@git.acme.example:team/repo.git")
        #expect(Redaction.text("fatal: unable to access 'https://u:p@h/r.git/': 403") == "fatal: unable to access 'https://***@h/r.git/': 403")
    }

    @Test func gitErrorsInAPersonsWords() {
        #expect(GitCommands.explain("fatal: unable to access 'https://h/': Could not resolve host: h\n") == "host not found")
        #expect(GitCommands.explain("fatal: could not read Username for 'https://h': terminal prompts disabled\n")
                    .hasPrefix("authentication required"))
        #expect(GitCommands.explain("fatal: unable to connect to 127.0.0.1:\n127.0.0.1[0: 127.0.0.1]: errno=Connection refused\n")
                    == "connection refused")
        #expect(GitCommands.explain("fatal: unable to access 'https://h/r.git/': The requested URL returned error: 403\n")
                    .hasPrefix("authentication required"))
        // Digits of a status in a path are no status (a temporary folder named git-fixture-401…
        // once made a deleted repository read as "authentication required").
        #expect(GitCommands.explain("fatal: '/tmp/git-fixture-401CE2A2/remotes/ledger.git' does not appear to be a git repository\n")
                    == "repository not found (deleted, renamed, or not readable)")
    }
}

/// The fixtures run git as the tests say, whatever the person running them has configured.
@Suite struct GitFixtureIsolationTests {
    @Test func aHostileGlobalGitConfigurationChangesNothing() throws {
        let home = try TemporaryFolder("home")
        try home.write("#!/bin/sh\nexit 1\n", to: "hooks/pre-commit")
        chmod(home.path + "/hooks/pre-commit", 0o755)
        try home.write("""
            [commit]
            \tgpgsign = true
            [gpg]
            \tprogram = /bin/false
            [core]
            \thooksPath = \(home.path)/hooks
            [init]
            \tdefaultBranch = trunk
            """, to: ".gitconfig")
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.path
        environment["GIT_CONFIG_GLOBAL"] = home.path + "/.gitconfig"
        let work = try TemporaryFolder("work")
        try work.write("# Demo\n", to: "README.md")
        try GitFixture.git(["init", "-q"], in: work.path, environment: environment)
        try GitFixture.git(["add", "-A"], in: work.path, environment: environment)
        try GitFixture.git(["-c", "user.name=Dev", "-c", "user.email=dev@acme.example", "commit", "-q", "-m", "first"],
                           in: work.path, environment: environment)
        #expect(try GitFixture.git(["log", "--format=%s"], in: work.path, environment: environment) == "first\n")
        #expect(try GitFixture.git(["symbolic-ref", "HEAD"], in: work.path, environment: environment) == "refs/heads/master\n")
    }
}

/// One hung program fails its own test instead of hanging the suite.
@Suite struct TestHelperTimeoutTests {
    @Test func aProgramThatDoesNotFinishIsKilledAndReported() {
        let started = ContinuousClock.now
        #expect(throws: ProgramTimeout.self) {
            try runProgram("/bin/sleep", ["60"], timeout: .seconds(1))
        }
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
