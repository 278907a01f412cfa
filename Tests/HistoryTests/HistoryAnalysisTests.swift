import AtriumModel
import AtriumTestSupport
import Foundation
import Testing
@testable import History

@Suite struct ReviewLatencyTests {
    @Test func medianAndNearestRankP90() {
        #expect(ReviewLatencyMeasure.median([]) == nil)
        #expect(ReviewLatencyMeasure.median([5]) == 5)
        #expect(ReviewLatencyMeasure.median([20, 2, 10, 4]) == 7)
        #expect(ReviewLatencyMeasure.median([3, 1, 2]) == 2)
        #expect(ReviewLatencyMeasure.p90([20, 2, 10, 4]) == 20)  // rank ⌈3.6⌉ = 4
        #expect(ReviewLatencyMeasure.p90(Array(1...10).map(Double.init)) == 9)  // rank 9
        #expect(ReviewLatencyMeasure.p90(Array(1...11).map(Double.init)) == 10)  // rank ⌈9.9⌉ = 10
        #expect(ReviewLatencyMeasure.p90([7]) == 7)
    }

    @Test(arguments: [
        ("Merge pull request #12 from acme/feature", "", PlatformMerge.github),
        ("Merge branch 'feature' into 'main'", "Title\n\nSee merge request acme/ledger!34", .gitlab),
        ("Merged in feature/x (pull request #5)", "", .bitbucket),
        ("Merged PR 77: Add the thing", "", .azure),
    ])
    func platformMergeMessages(subject: String, body: String, platform: PlatformMerge) {
        #expect(PlatformMerge.mergeCommit(subject: subject, body: body) == platform)
    }

    @Test func messagesThatAreNotPlatformMerges() {
        #expect(PlatformMerge.mergeCommit(subject: "Merge branch 'feature' into 'main'", body: "") == nil)
        #expect(PlatformMerge.mergeCommit(subject: "Merge branch 'x' into 'main'", body: "see merge request acme!1 somewhere") == nil)
        #expect(PlatformMerge.mergeCommit(subject: "Merge pull request #x from a", body: "") == nil)
        #expect(PlatformMerge.mergeCommit(subject: "Merged PR: nothing", body: "") == nil)
        #expect(PlatformMerge.squashCommit(subject: "Fix (#12)", body: "") == .github)
        #expect(PlatformMerge.squashCommit(subject: "Fix (!12)", body: "") == .gitlab)
        #expect(PlatformMerge.squashCommit(subject: "Fix", body: "See merge request acme/x!9") == .gitlab)
        #expect(PlatformMerge.squashCommit(subject: "Fix (#12a)", body: "") == nil)
        #expect(PlatformMerge.squashCommit(subject: "Fix issue #12", body: "") == nil)
    }

    /// A real repository: the latency is from the earliest commit the merge brought in,
    /// whatever the order, and the first parent's own commits are not counted.
    @Test func firstCommitToMergeOnARealHistory() throws {
        let hour = 3600, start = 1_900_000_000
        let fixture = try GitFixture(name: "latency", files: ["README.md": "# Latency\n"])
        try fixture.checkout("feature", create: true)
        try fixture.commit(["a.txt": "1\n"], message: "first", at: start + 1 * hour)
        try fixture.commit(["a.txt": "2\n"], message: "second", at: start + 5 * hour)
        try fixture.checkout("main")
        // Main moves on meanwhile, with a commit older than the feature's first.
        try fixture.commit(["b.txt": "1\n"], message: "main work", at: start)
        try fixture.merge("feature", message: "Merge pull request #9 from acme/feature", at: start + 25 * hour)
        try fixture.checkout("late", create: true)
        try fixture.commit(["c.txt": "1\n"], message: "late", at: start + 30 * hour)
        try fixture.checkout("main")
        try fixture.merge("late", message: "Merged PR 10: Late", at: start + 30 * hour + 1800)
        try fixture.commit(["d.txt": "1\n"], message: "Squashed (#11)", at: start + 40 * hour)
        let commits = try Self.commits(fixture)
        let latency = ReviewLatencyMeasure.measure(commits)
        // 24 h and 0.5 h.
        #expect(latency == RepositoryHistory.ReviewLatency(medianHours: 12.3, p90Hours: 24, merges: 2, unmeasuredMerges: 1))
        // Only merges in the window count; their commits may be older.
        #expect(ReviewLatencyMeasure.measure(commits, since: start + 26 * hour)
                    == RepositoryHistory.ReviewLatency(medianHours: 0.5, p90Hours: 0.5, merges: 1, unmeasuredMerges: 1))
        // A merge whose brought-in commits are all beyond the fetched history cannot be measured.
        let cut = commits.filter { !["first", "second"].contains($0.subject) }
        #expect(ReviewLatencyMeasure.measure(cut).unmeasuredMerges == 2)
    }

    /// Every commit of the working copy, parsed from `git cat-file commit`.
    static func commits(_ fixture: GitFixture) throws -> [HistoryCommit] {
        let ids = try GitFixture.git(["rev-list", "--all"], in: fixture.work).split(separator: "\n").map(String.init)
        return try ids.map { id in
            HistoryCommit(id: id, raw: Array(try GitFixture.git(["cat-file", "commit", id], in: fixture.work).utf8))
        }
    }
}

@Suite struct HistoryCommitTests {
    @Test func rawCommitFields() {
        let raw = """
            tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904
            parent 1111111111111111111111111111111111111111
            parent 2222222222222222222222222222222222222222
            author Jane Roe <Jane@Example.COM> 1700000000 +0100
            committer Platform <noreply@forge.example> 1700003600 +0000
            gpgsig -----BEGIN PGP SIGNATURE-----
             continued line
             -----END PGP SIGNATURE-----

            Merge branch 'x' into 'main'

            See merge request acme/ledger!3
            """
        let commit = HistoryCommit(id: "abc", raw: Array(raw.utf8))
        #expect(commit.parents == ["1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"])
        #expect(commit.authorName == "Jane Roe")
        #expect(commit.authorEmail == "jane@example.com")
        #expect(commit.authorTime == 1_700_000_000)
        #expect(commit.committerTime == 1_700_003_600)
        #expect(commit.subject == "Merge branch 'x' into 'main'")
        #expect(commit.body == "\nSee merge request acme/ledger!3")
    }

    @Test func malformedCommitsGiveEmptyFields() {
        for raw in ["", "\n\n", "author no brackets\n", "author <unclosed 12\ncommitter x <y> notanumber\n\nmsg",
                    "parent\n" + String(repeating: "x", count: 1 << 20)] {
            let commit = HistoryCommit(id: "x", raw: Array(raw.utf8))
            #expect(commit.authorTime == 0)
            #expect(commit.committerTime == 0)
            #expect(commit.subject.count <= HistoryCommit.subjectLimit)
        }
        let long = HistoryCommit(id: "x", raw: Array(("author A <a@x> 1 +0000\n\n" + String(repeating: "s", count: 5000) + "\n"
            + String(repeating: "b", count: 1 << 20)).utf8))
        #expect(long.subject.count == HistoryCommit.subjectLimit)
        #expect(long.body.utf8.count <= HistoryCommit.bodyLimit)
    }
}

@Suite struct PeopleTests {
    let now = 2_000_000_000
    let day = 86_400

    func authors() -> [RepositoryHistory.Author] {
        let mailmap = Mailmap("""
            Carol Jones <carol@acme.example> <carol@old.example>
            Frank <frank@new.example> <frank@old.example>
            """)
        let commits = [
            HistoryCommit(id: "1", parents: [], authorName: "Alice  Example", authorEmail: "alice@acme.example", authorTime: 0,
                          committerTime: now - 10 * day, subject: "a"),
            HistoryCommit(id: "2", parents: [], authorName: "bob", authorEmail: "12345+Bobby@users.noreply.github.com", authorTime: 0,
                          committerTime: now - 179 * day, subject: "b"),
            HistoryCommit(id: "3", parents: [], authorName: "carol", authorEmail: "carol@old.example", authorTime: 0,
                          committerTime: now - 181 * day, subject: "c"),
            HistoryCommit(id: "4", parents: [], authorName: "Old Style", authorEmail: "oldstyle@users.noreply.github.com", authorTime: 0,
                          committerTime: now - 300 * day, subject: "d"),
            HistoryCommit(id: "5", parents: [], authorName: "Frank", authorEmail: "frank@new.example", authorTime: 0,
                          committerTime: now - 1 * day, subject: "e"),
        ]
        return AuthorIndex.build(commits, mailmap: mailmap)
    }

    @Test func declaredPeopleByHandleEmailNameAndMailmap() {
        let people = History.people(declared: ["@acme/ledger", "@Bobby", "@oldstyle", "alice example", "ALICE@acme.example",
                                               "carol@acme.example", "Carol Jones", "frank@old.example", "Jane <jane@x>",
                                               "@bobby", "docs/team", "@ghost"],
                                    authors: authors(), now: now)
        #expect(people == [
            .init(handle: "@Bobby", status: .active, lastCommit: now - 179 * day),
            .init(handle: "@oldstyle", status: .inactive, lastCommit: now - 300 * day),
            .init(handle: "alice example", status: .active, lastCommit: now - 10 * day),
            .init(handle: "ALICE@acme.example", status: .active, lastCommit: now - 10 * day),
            .init(handle: "carol@acme.example", status: .inactive, lastCommit: now - 181 * day),
            .init(handle: "Carol Jones", status: .inactive, lastCommit: now - 181 * day),
            // Declared by an old address the .mailmap maps to the one they commit with.
            .init(handle: "frank@old.example", status: .active, lastCommit: now - 1 * day),
            .init(handle: "Jane <jane@x>", status: .unknown, lastCommit: nil),
            .init(handle: "@ghost", status: .unknown, lastCommit: nil),
        ])
    }

    @Test func authorIndexIsCanonicalAndSorted() {
        let index = authors()
        #expect(index.map(\.email) == ["12345+bobby@users.noreply.github.com", "alice@acme.example", "carol@acme.example",
                                       "frank@new.example", "oldstyle@users.noreply.github.com"])
        #expect(index[2].emails == ["carol@acme.example", "carol@old.example"])
        #expect(index[2].names == ["Carol Jones", "carol"])
        #expect(index[0].handles == ["bobby"])
        #expect(AuthorIndex.gitHubHandle("12345+a-b@users.noreply.github.com") == "a-b")
        #expect(AuthorIndex.gitHubHandle("a@users.noreply.github.com.evil.example") == nil)
        #expect(AuthorIndex.gitHubHandle("a b@users.noreply.github.com") == nil)
    }

    @Test func bots() {
        let bots = BotFilter(extraPatterns: ["ci-robot"])
        #expect(bots.isBot(name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com"))
        #expect(bots.isBot(name: "Someone", email: "29139614+renovate[bot]@users.noreply.github.com"))
        #expect(bots.isBot(name: "Renovate Bot", email: "bot@renovateapp.com"))
        #expect(bots.isBot(name: "github-actions", email: "41898282+github-actions@users.noreply.github.com"))
        #expect(bots.isBot(name: "Acme CI-Robot", email: "ci@acme.example"))
        #expect(!bots.isBot(name: "Jane Roe", email: "jane@acme.example"))
        #expect(!BotFilter().isBot(name: "Acme CI-Robot", email: "ci@acme.example"))
    }

    @Test func analysisLeavesBotsOutOfActivity() {
        let commits = [
            HistoryCommit(id: "1", parents: [], authorName: "Human", authorEmail: "h@x", authorTime: 0, committerTime: now - 100 * day,
                          subject: "work"),
            HistoryCommit(id: "2", parents: ["1"], authorName: "dependabot[bot]", authorEmail: "d@x", authorTime: 0,
                          committerTime: now - 1 * day, subject: "Bump"),
        ]
        let settings = HistoryAnalysis.Settings(windowDays: 365, now: now)
        let input = HistoryAnalysis.Input(commits: commits)
        let history = HistoryAnalysis.analyse(input, settings: settings)
        #expect(history.lastHumanCommit == now - 100 * day)
        #expect((history.commits, history.authors, history.botCommits) == (1, 1, 1))
        #expect(history.codeowners == nil)
        #expect(HistoryAnalysis.activity(input, settings: settings)
                    == Activity(lastCommit: now - 100 * day, recentCommits: 0, recentAuthors: 0, isCapped: false))
    }
}

@Suite struct HistoryExplanationTests {
    /// The explain JSON contract, exactly.
    @Test func explainJSON() throws {
        let history = RepositoryHistory(
            windowDays: 365, windowStart: 1_968_464_000, lastHumanCommit: 1_999_136_000, commits: 18, authors: 4, botCommits: 2,
            reviewLatency: .init(medianHours: 7, p90Hours: 20, merges: 4, unmeasuredMerges: 3), authorIndex: [],
            codeowners: .init(unmatched: [.init(pattern: "/legacy/", source: ".github/CODEOWNERS:3")],
                              shadowed: [.init(pattern: "docs/", source: ".github/CODEOWNERS:4")]),
            treePaths: 15, treePathsCapped: false)
        let people: [RepositoryHistory.Person] = [.init(handle: "@bobby", status: .active, lastCommit: 1_997_408_000),
                                                  .init(handle: "Dave Old", status: .unknown, lastCommit: nil)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(HistoryExplanation(history: history, people: people)), as: UTF8.self)
        #expect(json == """
            {"authors":4,"botCommits":2,"codeowners":{"shadowed":[{"pattern":"docs/","source":".github/CODEOWNERS:4"}],\
            "unmatched":[{"pattern":"/legacy/","source":".github/CODEOWNERS:3"}]},"commits":18,\
            "lastHumanCommit":"2033-05-08T03:33:20Z","people":[{"handle":"@bobby","lastCommit":"2033-04-18T03:33:20Z","status":"active"},\
            {"handle":"Dave Old","lastCommit":null,"status":"unknown"}],"reviewLatency":{"medianHours":7,"merges":4,\
            "method":"first commit to merge","p90Hours":20,"unmeasuredMerges":3},"windowDays":365}
            """)
        var empty = history
        empty.lastHumanCommit = nil
        empty.codeowners = nil
        empty.reviewLatency = .init(medianHours: nil, p90Hours: nil, merges: 0, unmeasuredMerges: 0)
        let none = String(decoding: try encoder.encode(HistoryExplanation(history: empty, people: [])), as: UTF8.self)
        #expect(none.contains("\"lastHumanCommit\":null"))
        #expect(none.contains("\"codeowners\":{\"shadowed\":[],\"unmatched\":[]}"))
        #expect(none.contains("\"medianHours\":null"))
        // The model round-trips through the cache's JSON.
        #expect(try JSONDecoder().decode(RepositoryHistory.self, from: try JSONEncoder().encode(history)) == history)
    }
}
