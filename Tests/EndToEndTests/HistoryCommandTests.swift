import AtriumTestSupport
import Foundation
import Testing

/// A ledger's year with controlled dates, as `explain`, `check` and `build` read it: six GitHub
/// merges 10 to 60 hours after their first commit (median 35 h, 90th percentile 60 h), one
/// squash merge, a promise of 24 hours, four Trusted Committers of whom one committed
/// recently, one by a noreply address 200 days ago, one by email 250 days ago, and one never;
/// a bot's commit; a CODEOWNERS rule for a folder that is gone and one a later `*` overrules.
enum LedgerYear {
    static let now = 2_000_000_000  // 2033-05-18T03:33:20Z
    static let day = 86_400
    static let hour = 3_600
    static let erin = (name: "Erin Example", email: "erin@acme.example")

    static let contributing = """
        # Contributing

        We review pull requests within 24 hours.

        ## Trusted Committers

        - @alice
        - @bobby
        - Dave Old <dave@acme.example>
        - @zed

        """

    static let codeowners = """
        /src/    @alice
        /legacy/ @dave-old
        *        @acme/ledger

        """

    static func make() throws -> GitFixture {
        let fixture = try GitFixture(name: "ledger", files: [
            "README.md": "# Ledger\n\nBooks for the finance teams.\n", "CONTRIBUTING.md": contributing,
            ".github/CODEOWNERS": codeowners, "src/main.swift": "main\n",
        ])
        try fixture.commit(["dave.txt": "d\n"], message: "Reconcile", name: "Dave Old", email: "dave@acme.example",
                           at: now - 250 * day)
        try fixture.commit(["bob.txt": "b\n"], message: "Faster", name: "Bob B", email: "12345+bobby@users.noreply.github.com",
                           at: now - 200 * day)
        for (index, hours) in [10, 20, 30, 40, 50, 60].enumerated() {
            let number = index + 1
            let start = now - 100 * day + number * 5 * day
            try fixture.checkout("b\(number)", create: true)
            try fixture.commit(["b\(number).txt": "\(number)\n"], message: "Work \(number)", name: erin.name, email: erin.email,
                               at: start)
            try fixture.checkout("main")
            try fixture.merge("b\(number)", message: "Merge pull request #\(number) from acme/b\(number)\n\nWork \(number)",
                              at: start + hours * hour, name: erin.name, email: erin.email)
        }
        try fixture.commit(["e.txt": "e\n"], message: "Add E (#7)", name: erin.name, email: erin.email, at: now - 20 * day)
        try fixture.commit(["src/a.swift": "a\n"], message: "Balance", name: "Alice", email: "alice@users.noreply.github.com",
                           at: now - 10 * day)
        try fixture.commit(["deps.txt": "1\n"], message: "Bump dependency", name: "dependabot[bot]",
                           email: "49699333+dependabot[bot]@users.noreply.github.com", at: now - 3 * day)
        try fixture.push(force: true)
        return fixture
    }

    static func environment(now: Int = now) -> [String: String] {
        ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "\(now)"]) { $1 }
    }

    static let measured = "Promise: 24 h · Measured: median 35 h, 90% within 60 h, over 6 merges in the last 365 days"
}

@Suite struct HistoryCommandTests {
    typealias Y = LedgerYear

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func explainGivesTheHistoryObjectFieldByField() throws {
        let fixture = try Y.make()
        let result = try AtriumCommand.run(["explain", "--format", "json", fixture.work], environment: Y.environment())
        #expect(result.status == 0, "\(result.errors)")
        let history = try #require(try json(result.output)["history"] as? [String: Any])
        #expect(history["windowDays"] as? Int == 365)
        #expect(history["lastHumanCommit"] as? String == "2033-05-08T03:33:20Z")
        #expect(history["commits"] as? Int == 16)
        #expect(history["authors"] as? Int == 4)
        #expect(history["botCommits"] as? Int == 1)
        let latency = try #require(history["reviewLatency"] as? [String: Any])
        #expect(latency["medianHours"] as? Double == 35)
        #expect(latency["p90Hours"] as? Double == 60)
        #expect(latency["merges"] as? Int == 6)
        #expect(latency["unmeasuredMerges"] as? Int == 1)
        #expect(latency["method"] as? String == "first commit to merge")
        let people = try #require(history["people"] as? [[String: Any]])
        #expect(people.map { $0["handle"] as? String } == ["@alice", "@bobby", "dave@acme.example", "@zed"])
        #expect(people.map { $0["status"] as? String } == ["active", "inactive", "inactive", "unknown"])
        #expect(people.map { $0["lastCommit"] as? String } == ["2033-05-08T03:33:20Z", "2032-10-30T03:33:20Z",
                                                                "2032-09-10T03:33:20Z", nil])
        #expect(people[3]["lastCommit"] is NSNull, "absent values are null, never left out")
        let codeowners = try #require(history["codeowners"] as? [String: [[String: String]]])
        #expect(codeowners["unmatched"] == [["pattern": "/legacy/", "source": ".github/CODEOWNERS:2"]])
        #expect(codeowners["shadowed"] == [["pattern": "/src/", "source": ".github/CODEOWNERS:1"]])

        let text = try AtriumCommand.run(["explain", fixture.work], environment: Y.environment())
        #expect(text.output.contains("\nHistory\n  Last human commit 2033-05-08\n"))
        #expect(text.output.contains("  \(Y.measured)\n"))
        #expect(text.output.contains("  1 of 4 Trusted Committers active in the last 180 days\n"))
        // As `history:` in site.yml would say.
        let longer = try AtriumCommand.run(["explain", "--active-days", "400", fixture.work], environment: Y.environment())
        #expect(longer.output.contains("  3 of 4 Trusted Committers active in the last 400 days\n"))
        let shorter = try AtriumCommand.run(["explain", "--format", "json", "--history-days", "30", fixture.work],
                                            environment: Y.environment())
        #expect((try json(shorter.output)["history"] as? [String: Any])?["windowDays"] as? Int == 30)
        let wrong = try AtriumCommand.run(["check", "--active-days", "0", fixture.work], environment: Y.environment())
        #expect(wrong.status != 0)
        #expect(wrong.errors.contains("--active-days must be a whole number of days from 1 to 3650"))
    }

    @Test func aFolderThatIsNotAGitRepositoryHasNoHistory() throws {
        let folder = try TemporaryFolder("plain")
        try folder.write("# Plain\n\nJust files.\n", to: "README.md")
        let result = try AtriumCommand.run(["explain", "--format", "json", folder.path], environment: Y.environment())
        #expect(result.status == 0)
        let explained = try json(result.output)
        #expect(explained.keys.contains("history"))
        #expect(explained["history"] is NSNull)
        let text = try AtriumCommand.run(["explain", folder.path], environment: Y.environment())
        #expect(text.output.contains("\nHistory\n  (not a git repository)\n"))
    }

    /// 200 days on, nobody has committed in the last 180 days; the merges are still in the window.
    @Test func checkWarnsOfAPromiseNotKeptNobodyActiveAndCodeOwnersRules() throws {
        let fixture = try Y.make()
        let later = Y.environment(now: Y.now + 200 * Y.day)
        let result = try AtriumCommand.run(["check", fixture.work], environment: later)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains(
            "warning: CONTRIBUTING.md:3: review promise not kept: promised 24 h, measured median 35 h over 6 merges in the last 365 days (first commit to merge)"))
        #expect(lines.contains("warning: CONTRIBUTING.md:7: no Trusted Committer active in the last 180 days: none of the 4 has committed since 2033-06-07"))
        #expect(lines.contains(
            "warning: .github/CODEOWNERS:2: CODEOWNERS rule `/legacy/` matches no file in the repository: fix the pattern or remove the rule"))
        #expect(lines.contains { $0.hasPrefix("warning: .github/CODEOWNERS:1: CODEOWNERS rule `/src/` has no effect") })
        #expect(lines.contains { $0.hasPrefix("  ✗ review-commitment: The review promise is not kept") })
        #expect(lines.contains { $0.hasPrefix("  – active-trusted-committers: No Trusted Committer active in the last 180 days") })
        // The exit status is the score's, as before: warnings alone do not fail the check.
        #expect(result.status == 1)
        #expect(result.errors.contains("below the bar: 55 < 60"))
        let lenient = try AtriumCommand.run(["check", "--min-score", "50", fixture.work], environment: later)
        #expect(lenient.status == 0)
        #expect(lenient.output.contains("warning: .github/CODEOWNERS:2:"))
        // In GitHub Actions each is an annotation on the line to fix.
        let actions = try AtriumCommand.run(["check", "--min-score", "50", fixture.work],
                                            environment: later.merging(["GITHUB_ACTIONS": "true"]) { $1 })
        #expect(actions.output.contains(
            "::warning file=.github/CODEOWNERS,line=2,title=Atrium history::CODEOWNERS rule `/legacy/` matches no file in the repository"))
        #expect(actions.output.contains("::warning file=CONTRIBUTING.md,line=3,title=Atrium history::review promise not kept"))

        // At the harvest, Alice is active: no warning that nobody is.
        let now = try AtriumCommand.run(["check", "--format", "json", fixture.work], environment: Y.environment())
        let warnings = try #require(try json(now.output)["warnings"] as? [[String: Any]])
        #expect(warnings.map { $0["file"] as? String } == ["CONTRIBUTING.md", ".github/CODEOWNERS", ".github/CODEOWNERS"])
        #expect(warnings.map { $0["line"] as? Int } == [3, 2, 1])
    }

    /// The same facts on the page whether the remote is read through `file://` or `git daemon`;
    /// `history:` in site.yml changes who counts as active, and the page is made again.
    @Test func theProjectPageShowsThePromiseBesideTheMeasurementThroughFileAndGitDaemon() throws {
        let fixture = try Y.make()
        let daemon = try GitDaemon(basePath: fixture.folder.path + "/remotes")
        defer { daemon.stop() }
        let site = try TemporaryFolder("site")
        try site.write("""
            repositories:
              - name: ledger
                url: \(fixture.fileURL)
              - name: ledger-daemon
                url: \(daemon.url(for: "ledger.git"))
            """, to: "content/repositories.yml")
        try site.write("title: Catalogue\nhistory:\n  bots: [\"ci-robot\"]\n", to: "content/site.yml")
        let first = try AtriumCommand.run(["build", "--site", site.path], environment: Y.environment())
        #expect(first.status == 0, "\(first.errors)")
        for slug in ["ledger", "ledger-daemon"] {
            let page = read(site.path + "/public/projects/\(slug)/index.html")
            #expect(page.contains(">\(Y.measured)</p>"), "\(slug)")
            #expect(page.contains("Measured as <strong>first commit to merge</strong>"))
            #expect(page.contains("1 merge could not be measured (squash or rebase)."))
            #expect(page.contains(">1 of 4 Trusted Committers active in the last 180 days</p>"))
            #expect(page.contains("Last human commit 2033-05-08"))
            #expect(page.contains("<code>/legacy/</code> matches no file"))
            #expect(page.contains("<span class=\"source\">.github/CODEOWNERS:2</span>"))
            // The published API is the explain contract: the same history object.
            let api = try json(read(site.path + "/public/api/projects/\(slug).json"))
            let latency = try #require((api["history"] as? [String: Any])?["reviewLatency"] as? [String: Any])
            #expect(latency["medianHours"] as? Double == 35)
        }

        // Bob's and Dave's commits are within 400 days: three of the four are active.
        try site.write("title: Catalogue\nhistory:\n  activeDays: 400\n", to: "content/site.yml")
        let second = try AtriumCommand.run(["build", "--site", site.path], environment: Y.environment())
        #expect(second.status == 0)
        #expect(read(site.path + "/public/projects/ledger/index.html")
            .contains(">3 of 4 Trusted Committers active in the last 400 days</p>"))

        // Another bot list reads the history again though the commit is the same: Erin's 13
        // commits (work, merges, the squash) are now a bot's.
        try site.write("title: Catalogue\nhistory:\n  bots: [\"erin@acme.example\"]\n", to: "content/site.yml")
        let third = try AtriumCommand.run(["build", "--site", site.path], environment: Y.environment())
        #expect(third.output.contains("Git remotes: 2 fetched"), "\(third.output)")
        let history = try json(read(site.path + "/public/api/projects/ledger.json"))["history"] as? [String: Any]
        #expect(history?["botCommits"] as? Int == 14)
        #expect(history?["commits"] as? Int == 3)
    }

    /// A checkout's page is made again when only its history changed (no document did), and
    /// kept, facts and all, when nothing did.
    @Test func aCheckoutsPageFollowsItsHistoryAlone() throws {
        let fixture = try Y.make()
        let site = try TemporaryFolder("site")
        try site.write("repositories:\n  - name: ledger\n    path: \(fixture.work)\n", to: "content/repositories.yml")
        let page = site.path + "/public/projects/ledger/index.html"
        let first = try AtriumCommand.run(["build", "--site", site.path], environment: Y.environment())
        #expect(first.status == 0, "\(first.errors)")
        #expect(read(page).contains(">1 of 4 Trusted Committers active in the last 180 days</p>"))
        #expect(read(page).contains(">Last human commit 2033-05-08</p>"))

        let unchanged = try AtriumCommand.run(["build", "--site", site.path], environment: Y.environment())
        #expect(unchanged.output.contains("Reused 1 unchanged, made 0"), "\(unchanged.output)")
        #expect(read(page).contains(">1 of 4 Trusted Committers active in the last 180 days</p>"))

        try fixture.commit(["bob.txt": "b2\n"], message: "Again", name: "Bob B", email: "12345+bobby@users.noreply.github.com",
                           at: Y.now - 2 * Y.day)
        let changed = try AtriumCommand.run(["build", "--site", site.path], environment: Y.environment())
        #expect(changed.output.contains("Reused 0 unchanged, made 1"), "\(changed.output)")
        #expect(read(page).contains(">2 of 4 Trusted Committers active in the last 180 days</p>"))
        #expect(read(page).contains(">Last human commit 2033-05-16</p>"))
    }

    /// Only a bot commits: the repository is busy, not maintained, and every report says so.
    @Test func aRepositoryOnlyBotsCommitToHasNoHumanActivity() throws {
        let fixture = try GitFixture(name: "deps", files: ["README.md": "# Deps\n\nPinned versions.\n"])
        for age in [30, 20, 10] {
            try fixture.commit(["deps.txt": "\(age)\n"], message: "Bump dependency", name: "renovate[bot]",
                               email: "29139614+renovate[bot]@users.noreply.github.com", at: Y.now - age * Y.day)
        }
        try fixture.push(force: true)
        let explained = try AtriumCommand.run(["explain", "--format", "json", fixture.work], environment: Y.environment())
        let history = try #require(try json(explained.output)["history"] as? [String: Any])
        #expect(history["lastHumanCommit"] is NSNull)
        #expect(history["commits"] as? Int == 0)
        #expect(history["botCommits"] as? Int == 3)
        let check = try AtriumCommand.run(["check", fixture.work], environment: Y.environment())
        #expect(check.output.contains("  – recent-activity: No human commit in the history read (365 days and the head commit), 3 by bots"))

        let site = try TemporaryFolder("site")
        try site.write("repositories:\n  - name: deps\n    url: \(fixture.fileURL)\n", to: "content/repositories.yml")
        let build = try AtriumCommand.run(["build", "--site", site.path], environment: Y.environment())
        #expect(build.status == 0, "\(build.errors)")
        #expect(read(site.path + "/public/projects/deps/index.html")
            .contains("<p class=\"activity\">No human commit in the last 365 days (only bots)</p>"))
    }

    @Test func aBadHistorySettingNamesTheLineOfSiteYml() throws {
        let site = try TemporaryFolder("site")
        try site.write("- name: plain\n  path: plain\n", to: "content/repositories.yml")
        try site.write("# Plain\n\nJust files.\n", to: "content/plain/README.md")
        for (yaml, message) in [
            ("title: T\nhistory:\n  days: -3\n", "site.yml:3: history.days must be a whole number of days from 1 to 3650"),
            ("history:\n  activeDays: soon\n", "site.yml:2: history.activeDays must be a whole number of days from 1 to 3650"),
            ("history:\n  bots: ci-robot\n", "site.yml:2: history.bots must be a list of names or emails"),
            ("history:\n  window: 30\n", "site.yml:2: history has no `window` setting"),
        ] {
            try site.write(yaml, to: "content/site.yml")
            let result = try AtriumCommand.run(["build", "--site", site.path])
            #expect(result.status != 0, "\(yaml)")
            #expect(result.errors.contains(message), "\(result.errors)")
        }
    }
}
