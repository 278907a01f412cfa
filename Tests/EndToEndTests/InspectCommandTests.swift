import AtriumTestSupport
import Foundation
import Testing

/// `atrium explain` and `atrium check`, as repository owners run them in their own CI.
@Suite struct InspectCommandTests {
    func sample(_ name: String) -> String { Checkout.samples + "/" + name }

    @Test func explainJSONFollowsTheContract() throws {
        let result = try AtriumCommand.run(["explain", sample("payments-sdk"), "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        for key in ["slug", "name", "description", "owners", "trustedCommitters", "accepts", "doesNotAccept", "onboarding",
                    "reviewCommitment", "channels", "topics", "readiness"] {
            #expect(json.keys.contains(key), "missing \(key)")
        }
        #expect(json["name"] as? String == "Payments SDK")
        let owners = try #require(json["owners"] as? [[String: Any]])
        #expect(owners.first?["handle"] as? String == "@acme/payments-team")
        #expect(owners.first?["kind"] as? String == "team")
        #expect(owners.first?["source"] as? String == ".github/CODEOWNERS:4")
        let review = try #require(json["reviewCommitment"] as? [String: Any])
        #expect(review["hours"] as? Int == 48)
        let onboarding = try #require(json["onboarding"] as? [[String: Any]])
        #expect(onboarding.compactMap { $0["command"] as? String }.contains("make bootstrap"))
        let channels = try #require(json["channels"] as? [[String: Any]])
        #expect(channels.first?["name"] as? String == "#payments-dev")
        #expect(channels.first?.keys.contains("url") == true)  // null, but present
        let readiness = try #require(json["readiness"] as? [String: Any])
        #expect(readiness["score"] as? Int == 100)
    }

    @Test func explainTextNamesEachSource() throws {
        let result = try AtriumCommand.run(["explain", sample("search-gateway")])
        #expect(result.status == 0)
        #expect(result.output.contains("nadia-karimi — person, approver  ← OWNERS_ALIASES:5"))
        #expect(result.output.contains("issue-tracker:"))
    }

    /// A README whose "Getting started" clones, installs and tests is a contributor's set-up;
    /// one that installs the package and shows a code sample is a user's.
    @Test func setUpThatLivesOnlyInTheReadmeGettingStartedPassesTheCheck() throws {
        let repos = try TemporaryFolder("repos")
        try repos.write("""
            # Ledger

            Double-entry bookkeeping for every product team.

            ## Getting started

            ```sh
            git clone https://git.acme.example/ledger.git
            cd ledger
            npm install
            npm test
            ```
            """, to: "developer/README.md")
        try repos.write("""
            # Ledger client

            A client for the ledger.

            ## Getting started

            ```sh
            npm install @acme/ledger-client
            ```

            ```js
            const ledger = require("@acme/ledger-client");
            ```
            """, to: "user/README.md")
        func setup(_ name: String) throws -> [String: Any]? {
            let result = try AtriumCommand.run(["check", repos.path + "/" + name, "--format", "json", "--min-score", "0"])
            let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
            return (json?["checks"] as? [[String: Any]])?.first { $0["id"] as? String == "setup-steps" }
        }
        #expect(try setup("developer")?["passed"] as? Bool == true)
        #expect(try setup("user")?["passed"] as? Bool == false)
        let explain = try AtriumCommand.run(["explain", repos.path + "/developer"])
        #expect(explain.output.contains("$ npm test"))
    }

    @Test func checkPassesTheExemplaryRepositoryAndFailsTheFilingCabinet() throws {
        let good = try AtriumCommand.run(["check", sample("payments-sdk")])
        #expect(good.status == 0)
        #expect(good.output.hasPrefix("Readiness: 100/100 — InnerSource-ready"))

        let cabinet = try AtriumCommand.run(["check", sample("legacy-billing-scripts")])
        #expect(cabinet.status == 1)
        #expect(cabinet.output.contains("filing cabinet"))
        #expect(cabinet.output.contains("✗ contributing-guide: Add a CONTRIBUTING.md"))
        #expect(cabinet.errors.contains("below the bar"))

        let lenient = try AtriumCommand.run(["check", sample("legacy-billing-scripts"), "--min-score", "0"])
        #expect(lenient.status == 0)
    }

    @Test func checkJSON() throws {
        let result = try AtriumCommand.run(["check", sample("feature-flags"), "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let checks = try #require(json["checks"] as? [[String: Any]])
        #expect(checks.map { $0["id"] as? String } .contains("review-commitment"))
        #expect(json["level"] as? String != nil)
    }

    @Test func gitHubActionsAnnotationsPointAtTheFileToFix() throws {
        let text = try AtriumCommand.run(["check", sample("observability-dashboards")],
                                         environment: ["GITHUB_ACTIONS": "true"]).output
        // One annotation per failed check, and nothing else on standard output but the report.
        let annotations = text.split(separator: "\n").filter { $0.hasPrefix("::warning ") }
        let failed = text.split(separator: "\n").filter { $0.hasPrefix("  ✗ ") }
        #expect(annotations.count == failed.count)
        #expect(annotations.count >= 3)
    }

    @Test func badInputIsReportedAndTheOtherFactsAreStillRead() throws {
        let repo = try TemporaryFolder()
        // A README in UTF-16 with a byte-order mark, and NUL bytes in the guide.
        var readme: [UInt8] = [0xFF, 0xFE]
        for unit in "# Ledger\n\nDouble-entry bookkeeping for every product.\n".utf16 {
            readme += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        try repo.write(readme, to: "README.md")
        try repo.write(Array("## What we accept\n\n- Bug fixes\u{0}\n".utf8), to: "CONTRIBUTING.md")
        try repo.write("* @acme/ledger\n/docs/ not-an-owner\n", to: "CODEOWNERS")
        try repo.write("{\"title\": ", to: "innersource.json")
        try repo.write("kind: Component\nmetadata: &m {name: x}\nspec: *m\n", to: "catalog-info.yaml")
        try repo.write(String(repeating: "Welcome. ", count: 700_000), to: "MAINTAINERS")

        let result = try AtriumCommand.run(["explain", repo.path, "--format", "json"])
        #expect(result.status == 0)
        let name = (repo.path as NSString).lastPathComponent
        #expect(result.errorLines.sorted() == [
            "error: \(name): MAINTAINERS: file is 6300000 bytes, over the 1048576-byte limit; not read",
            "error: \(name): catalog-info.yaml:2: uses YAML anchors and aliases; refused; its facts are ignored",
            "error: \(name): innersource.json: invalid JSON: Unexpected end of file during JSON parse; its facts are ignored",
            "warning: \(name): CODEOWNERS:2: `not-an-owner` is not an owner (expected @user, @org/team or an email); line ignored",
            "warning: \(name): CONTRIBUTING.md:3: contains NUL bytes; they are shown as replacement characters",
            "warning: \(name): README.md: encoded as UTF-16; converted to UTF-8 (save it as UTF-8)",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["name"] as? String == "Ledger")
        #expect(json["description"] as? String == "Double-entry bookkeeping for every product.")
        #expect((json["owners"] as? [[String: Any]])?.first?["handle"] as? String == "@acme/ledger")
        #expect((json["accepts"] as? [[String: Any]])?.first?["type"] as? String == "bug-fixes")
    }

    @Test func usageErrors() throws {
        #expect(try AtriumCommand.run(["check", sample("payments-sdk"), "--min-score", "101"]).status == 2)
        #expect(try AtriumCommand.run(["explain"]).status == 2)
        #expect(try AtriumCommand.run(["explain", sample("payments-sdk"), "--format", "yaml"]).status == 2)
    }
}
