import AtriumModel
import Testing
@testable import History

@Suite struct MailmapTests {
    @Test func everyLineFormOfGitMailmap() {
        let mailmap = Mailmap("""
            # comment
            Proper Name <commit1@example.com>
            <proper2@example.com> <Commit2@Example.com>
            Proper Three <proper3@example.com> <commit3@example.com>  # trailing comment
            Proper Four <proper4@example.com> Commit Name <commit4@example.com>
            """)
        #expect(mailmap.canonical(name: "x", email: "commit1@example.com") == ("Proper Name", "commit1@example.com"))
        #expect(mailmap.canonical(name: "x", email: "commit2@example.com") == ("x", "proper2@example.com"))
        #expect(mailmap.canonical(name: "x", email: "COMMIT3@example.com") == ("Proper Three", "proper3@example.com"))
        #expect(mailmap.canonical(name: "commit  NAME", email: "commit4@example.com") == ("Proper Four", "proper4@example.com"))
        // The fourth form maps only that name with that email.
        #expect(mailmap.canonical(name: "Someone Else", email: "commit4@example.com") == ("Someone Else", "commit4@example.com"))
        #expect(mailmap.canonical(name: "Nobody", email: "Nobody@Example.com") == ("Nobody", "nobody@example.com"))
    }

    @Test func aLaterLineForTheSameEmailWins() {
        let mailmap = Mailmap("First <a@x>\nSecond <a@x>\n")
        #expect(mailmap.canonical(name: "a", email: "a@x").name == "Second")
    }

    static let malformed: [String: String] = [
        "empty": "", "blank lines": "\n\n\n", "no brackets": "no brackets at all", "unclosed": "<unclosed@example.com",
        "empty email": "Name <>", "two empty": "<> <>", "reversed": "> < reversed", "dangling": "Name <a@x> <",
        "commented": "#<a@x> <b@x>", "many brackets": String(repeating: "<", count: 100_000),
        "many lines": String(repeating: "Name <a@x>\n", count: 50_000), "control characters": "\u{0}\u{1}<\u{FFFD}@x> <\u{0}>",
        "unicode": "Ünïcödé Nåme <ü@x> <U@X>",
    ]

    @Test(arguments: malformed.keys.sorted())
    func malformedInputNeverCrashes(name: String) {
        let mailmap = Mailmap(Self.malformed[name]!)
        #expect(mailmap.entries.count <= Mailmap.lineLimit)
        #expect(mailmap.canonical(name: "Someone", email: "Someone@example.com") == ("Someone", "someone@example.com"))
    }

    @Test func malformedLinesAreSkippedAndTheOthersKept() {
        let mailmap = Mailmap("<broken@example\nnot a line\nGood Name <good@example.com>\nName <>\n")
        #expect(mailmap.entries.count == 1)
        #expect(mailmap.canonical(name: "g", email: "good@example.com").name == "Good Name")
    }

    @Test func onlyTheFirstBytesAreRead() {
        let filler = String(repeating: "# padding padding padding padding padding padding\n", count: 6000)
        let mailmap = Mailmap(filler + "Late <late@example.com>\n")
        #expect(mailmap.entries.isEmpty)
    }
}
