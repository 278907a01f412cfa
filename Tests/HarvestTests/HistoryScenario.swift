import AtriumModel
import AtriumTestSupport
import Foundation

/// One repository's year, with controlled dates: four platforms' merges with known latencies,
/// squash merges, people found by email, through `.mailmap`, through a noreply address, one
/// whose last commit is 400 days old, bots, and a CODEOWNERS file with an unmatched rule (a
/// deleted folder) and rules shadowed by a later `*`.
enum HistoryScenario {
    static let now = 2_000_000_000
    static let day = 86_400
    static let hour = 3_600

    static let codeowners = """
        # Owners of the ledger
        /src/           @alice
        /legacy/        @dave-old
        docs/           @bobby
        *               @acme/ledger
        /src/core/      @alice carol@acme.example
        !/src/gen/      @nobody
        /src/[ab].swift @nobody

        """

    static let mailmap = """
        # Carol's old address
        Carol Jones <carol@acme.example> <carol@old.example>
        not a mapping line
        <broken@example

        """

    static let declared = ["@acme/ledger", "@bobby", "alice@acme.example", "carol@acme.example", "Dave Old", "@nobody"]

    static func make() throws -> GitFixture {
        let fixture = try GitFixture(name: "ledger", files: ["README.md": "# Ledger\n\nBooks.\n"])
        let erin = (name: "Erin Example", email: "erin@acme.example")
        try fixture.commit(["legacy/old.swift": "old\n"], message: "Legacy code", name: "Dave Old", email: "dave@acme.example",
                           at: now - 400 * day)
        try fixture.commit(["src/main.swift": "main\n", "src/core/ledger.swift": "ledger\n", "docs/guide.md": "# Guide\n",
                            ".github/CODEOWNERS": codeowners, ".mailmap": mailmap],
                           deleting: ["legacy"], message: "Rewrite", name: erin.name, email: erin.email, at: now - 300 * day)
        try fixture.commit(["docs/guide.md": "# Guide\n\nTidier.\n"], message: "Tidy the guide", name: "carol",
                           email: "carol@old.example", at: now - 200 * day)
        // Platform merges: (branch, first commit, hours to merge, message), one commit per hour after the first.
        let merges: [(String, Int, [Int], String)] = [
            ("gh", now - 100 * day, [0], "Merge pull request #1 from acme/gh\n\nAdd A"),
            ("gl", now - 95 * day, [0, 3], "Merge branch 'gl' into 'main'\n\nAdd B\n\nSee merge request acme/ledger!7"),
            ("bb", now - 70 * day, [0], "Merged in bb (pull request #3)\n\nAdd C"),
            ("az", now - 60 * day, [0], "Merged PR 4: Add D"),
            // A merge made on someone's machine: not a platform's, not measured.
            ("plain", now - 55 * day, [0], "Merge branch 'plain' into 'main'"),
        ]
        let latency = ["gh": 2, "gl": 4, "bb": 10, "az": 20, "plain": 1]
        for (branch, start, offsets, message) in merges {
            try fixture.checkout(branch, create: true)
            for offset in offsets {
                try fixture.commit(["\(branch).txt": "\(offset)\n"], message: "Work on \(branch)", name: erin.name, email: erin.email,
                                   at: start + offset * hour)
            }
            try fixture.checkout("main")
            try fixture.merge(branch, message: message, at: start + latency[branch]! * hour, name: erin.name, email: erin.email)
        }
        // Squash and rebase merges: one parent, not measured.
        try fixture.commit(["e.txt": "e\n"], message: "Add E (#5)", name: erin.name, email: erin.email, at: now - 45 * day)
        try fixture.commit(["f.txt": "f\n"], message: "Merged PR 6: Add F", name: erin.name, email: erin.email, at: now - 44 * day)
        try fixture.commit(["g.txt": "g\n"], message: "Add G\n\nSee merge request acme/ledger!8", name: erin.name, email: erin.email,
                           at: now - 43 * day)
        try fixture.commit(["src/main.swift": "main 2\n"], message: "Faster", name: "Bob B",
                           email: "12345+bobby@users.noreply.github.com", at: now - 30 * day)
        try fixture.commit(["src/core/ledger.swift": "ledger 2\n"], message: "Balance", name: "Alice",
                           email: "alice@acme.example", at: now - 10 * day)
        for (index, age) in [5, 3].enumerated() {
            try fixture.commit(["deps.txt": "\(index)\n"], message: "Bump dependency", name: "dependabot[bot]",
                               email: "49699333+dependabot[bot]@users.noreply.github.com", at: now - age * day)
        }
        try fixture.push(force: true)
        return fixture
    }

    /// The paths of the head commit's tree.
    static let paths = [".github/CODEOWNERS", ".mailmap", "README.md", "az.txt", "bb.txt", "deps.txt", "docs/guide.md", "e.txt",
                        "f.txt", "g.txt", "gh.txt", "gl.txt", "plain.txt", "src/core/ledger.swift", "src/main.swift"]
}
