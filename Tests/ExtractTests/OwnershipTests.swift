import AtriumModel
import AtriumTestSupport
import Foundation
import Harvest
import Testing
@testable import Extract

func file(_ folder: String, _ path: String, kind: DocumentKind) throws -> RepositoryFile {
    let text = try String(contentsOfFile: folder + "/" + path, encoding: .utf8)
    return RepositoryFile(path: path, kind: kind, text: text)
}

@Suite struct CodeOwnersTests {
    @Test(Shared.needs("corpus/real")) func gitHubCatchAllRuleNamesTheOwnersAndPathRulesDoNot() throws {
        let text = try String(contentsOfFile: Checkout.realCorpus + "/InnerSourceCommons--InnerSourcePatterns/.github/CODEOWNERS",
                              encoding: .utf8)
        let owners = CodeOwners(text)
        #expect(owners.problems.isEmpty)
        #expect(owners.catchAllRules.count == 1)
        #expect(owners.catchAllRules[0].owners == ["@lenucksi", "@NewMexicoKid", "@cewilliams", "@spier", "@robtuley", "@yuhattor"])
        #expect(owners.rules.count > 5)
    }

    @Test(Shared.needs("corpus/real")) func gitLabSectionsWithoutACatchAllRuleNameNoRepositoryOwner() throws {
        let text = try String(contentsOfFile: Checkout.realCorpus + "/NVIDIA--warp/.gitlab/CODEOWNERS", encoding: .utf8)
        let owners = CodeOwners(text)
        #expect(owners.problems.isEmpty)
        #expect(owners.catchAllRules.isEmpty)
        // `[Public API] @mmacklin` gives its paths that default owner; `^[CI/CD]` is optional.
        #expect(owners.rules.first { $0.pattern == "/warp/builtins.py" }?.owners == ["@mmacklin"])
        #expect(owners.rules.first { $0.pattern == "/.gitlab-ci.yml" }?.section == "CI/CD")
    }

    @Test func gitLabSyntaxOfTheSample() throws {
        let text = try String(contentsOfFile: Checkout.samples + "/mobile-design-system/.gitlab/CODEOWNERS", encoding: .utf8)
        let owners = CodeOwners(text)
        #expect(owners.problems.isEmpty)
        #expect(owners.catchAllRules.map(\.owners) == [["@acme/mobile-platform"]])
        // `[Design Tokens][2] @acme/design-tokens @lena-fischer`: approval count and default owners.
        #expect(owners.rules.first { $0.pattern == "/tokens/" }?.owners == ["@acme/design-tokens", "@lena-fischer"])
        #expect(owners.rules.first { $0.section == "Screenshot Tests" }?.owners == ["@dmitri-volkov"])
    }

    @Test func commentsEscapesEmailsAndUnknownSyntax() {
        let owners = CodeOwners("""
            # comment
            *            @acme/core # trailing comment
            docs/my\\ file.md  docs@acme.example
            \\#notes.md   @jdoe
            /api/        acme-core
            [Section]    @acme/section
            """)
        #expect(owners.catchAllRules.map(\.owners) == [["@acme/core"]])
        #expect(owners.rules.contains { $0.pattern == "docs/my\\ file.md" && $0.owners == ["docs@acme.example"] })
        #expect(owners.rules.contains { $0.pattern == "\\#notes.md" })
        #expect(owners.problems.map(\.line) == [5])
        #expect(owners.problems.first?.message.contains("`acme-core` is not an owner") == true)
    }

    @Test func lastCatchAllRuleWins() {
        let owners = CodeOwners("* @old/team\n* @new/team\n")
        #expect(owners.catchAllRules.map(\.owners) == [["@new/team"]])
    }
}

@Suite struct KubernetesOwnersTests {
    @Test func approversAreExpandedThroughAliasesAndReviewersKeptApart() throws {
        let folder = Checkout.samples + "/search-gateway"
        let owners = try KubernetesOwners(owners: file(folder, "OWNERS", kind: .owners),
                                          aliases: file(folder, "OWNERS_ALIASES", kind: .ownersAliases))
        #expect(owners.approvers.map(\.handle) == ["nadia-karimi", "bjorn-eriksen", "mei-lin", "nadia-karimi"])
        #expect(owners.approvers[1].source.file == "OWNERS_ALIASES")
        #expect(owners.reviewers.map(\.handle) == ["samir-haddad", "julia-nowak", "tobias-roth", "lucas-ferreira"])
    }

    @Test(Shared.needs("corpus/real")) func realOwnersFiles() throws {
        let kind = Checkout.realCorpus + "/kubernetes-sigs--kind"
        let owners = try KubernetesOwners(owners: file(kind, "OWNERS", kind: .owners),
                                          aliases: file(kind, "OWNERS_ALIASES", kind: .ownersAliases))
        #expect(owners.approvers.map(\.handle) == ["amwat", "aojea", "BenTheElder", "munnerz"])
        #expect(owners.approvers[0].source == SourceLocation(file: "OWNERS", line: 11))
        // Kubernetes' old OWNERS says `assignees`, the former name of approvers.
        let kubernetes = try KubernetesOwners(owners: file(Checkout.realCorpus + "/kubernetes--kubernetes", "OWNERS", kind: .owners),
                                              aliases: nil)
        #expect(kubernetes.approvers.count == 7)
    }
}

@Suite struct MaintainersFileTests {
    @Test(Shared.needs("corpus/real")) func nameEmailHandleLines() throws {
        let people = MaintainersFile.people(in: try file(Checkout.realCorpus + "/avelino--awesome-go", "MAINTAINERS",
                                                         kind: .maintainers))
        #expect(people.count == 14)
        #expect(people[0].handle == "@avelino")
        #expect(people[0].name == "Avelino")
        #expect(people[3].name == "Dobrosław Żybort")
        #expect(people[3].source == SourceLocation(file: "MAINTAINERS", line: 4))
    }

    @Test func markdownListsAndTables() {
        let text = """
            # Maintainers

            This file lists who maintains the project.

            - Jane Doe ([jdoe](https://github.com/jdoe))
            * Omar Haddad <omar@acme.example>

            | Name | GitHub | Area |
            |------|--------|------|
            | Lena Fischer | lena-f | tokens |
            | Kwame Mensah | @kwame | alerts |
            """
        let people = MaintainersFile.people(in: RepositoryFile(path: "MAINTAINERS.md", kind: .maintainers, text: text))
        #expect(people.map { $0.handle ?? "-" } == ["@jdoe", "omar@acme.example", "@lena-f", "@kwame"])
        #expect(people.map { $0.name ?? "-" } == ["Jane Doe", "Omar Haddad", "Lena Fischer", "Kwame Mensah"])
        #expect(people.allSatisfy { $0.role == "maintainer" })
    }

    /// Prose around the list links to organisations and files on GitHub; those are not people,
    /// and a Windows-written file reads line by line like any other.
    @Test(arguments: ["\n", "\r\n"])
    func prosePartsOfALinkAndRepositoryLinksNameNobody(ending: String) {
        let text = [
            "# Owners", "",
            "Every repository of the [Widget", "organisation](https://github.com/widgets/) lists its maintainers.", "",
            "See the [governance](https://github.com/widgets/community/blob/main/GOVERNANCE.md) rules.", "",
            "## Maintainers", "",
            "* Ada Lovelace ([ada](https://github.com/ada))",
        ].joined(separator: ending)
        let file = RepositoryFile(path: "OWNERS.md", kind: .maintainers, text: TextDecoding.decode(Array(text.utf8)).text)
        let people = MaintainersFile.people(in: file)
        #expect(people.map { $0.handle ?? "-" } == ["@ada"])
        #expect(people.first?.source == SourceLocation(file: "OWNERS.md", line: 10))
    }

    @Test(arguments: ["Maintainer 1", "maintainer2", "User_3", "@owner4"])
    func numberedRoleWordsArePlaceholders(value: String) {
        let person = value.hasPrefix("@") ? Person(handle: value, kind: .person, role: "maintainer", source: SourceLocation(file: "M"))
            : Person(name: value, kind: .person, role: "maintainer", source: SourceLocation(file: "M"))
        #expect(Placeholder.isPlaceholder(person))
        #expect(!Placeholder.isPlaceholder(Person(name: "Ada Lovelace", kind: .person, role: "maintainer",
                                                  source: SourceLocation(file: "M"))))
    }
}
