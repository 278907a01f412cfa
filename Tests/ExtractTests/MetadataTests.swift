import AtriumModel
import AtriumTestSupport
import Foundation
import Testing
@testable import Extract

@Suite struct MetadataTests {
    func snapshot(_ files: [RepositoryFile], name: String = "repo") -> RepositorySnapshot {
        RepositorySnapshot(source: RepositorySource(name: name, location: .folder("/nonexistent")), files: files)
    }

    @Test(Shared.needs("corpus/real")) func backstageComponentOwnerLinksAndTags() throws {
        let catalog = try file(Checkout.realCorpus + "/backstage--backstage", "catalog-info.yaml", kind: .backstageCatalog)
        let metadata = Metadata.read(snapshot([catalog]))
        #expect(metadata.owners.map(\.handle) == ["CNCF"])
        #expect(metadata.owners.first?.source == SourceLocation(file: "catalog-info.yaml", line: 22))
        #expect(metadata.description?.value == "Backstage is an open-source developer portal that puts the developer experience first.")
        #expect(metadata.channels.map(\.kind) == [.chat])
        #expect(metadata.channels.first?.url == "https://discord.com/invite/EBHEGzX")
    }

    @Test(Shared.needs("corpus/real")) func backstageOwnerOnALocationIsNotTheRepositorysOwner() throws {
        let catalog = try file(Checkout.realCorpus + "/1-Platform--one-platform", "catalog-info.yaml", kind: .backstageCatalog)
        #expect(Metadata.read(snapshot([catalog])).owners.isEmpty)
    }

    @Test(Shared.needs("corpus/real")) func publicCodeNameDescriptionAndContacts() throws {
        let publiccode = try file(Checkout.realCorpus + "/italia--developers-italia-api", "publiccode.yml", kind: .publiccode)
        let metadata = Metadata.read(snapshot([publiccode]))
        #expect(metadata.name?.value == "developers-italia-api")
        #expect(metadata.trustedCommitters.map(\.name) == ["Fabio Bonelli"])
        #expect(metadata.description?.value.hasPrefix("RESTful API for the free and open-source software catalog") == true)
        #expect(metadata.topics == ["data-collection"])
    }

    @Test(Shared.needs("corpus/real")) func innerSourceJSONWithTrustedCommittersAndPlaceholders() throws {
        let json = try file(Checkout.realCorpus + "/salesforce--sa11y", "innersource.json", kind: .innersourceMetadata)
        let metadata = Metadata.read(snapshot([json]))
        #expect(metadata.trustedCommitters.map(\.handle) == ["NavatejAlagam"])
        #expect(metadata.trustedCommitters.first?.name == "Navateja Alagam")
        // The Slack channel is a "TODO" comment: not a channel.
        #expect(metadata.channels.map(\.kind) == [.issueTracker])
    }

    @Test(Shared.needs("corpus/real")) func sapPortalContributionsBecomeAcceptedTypes() throws {
        let json = try file(Checkout.realCorpus + "/SAP--crossplane-provider-cloudfoundry", "innersource.json",
                            kind: .innersourceMetadata)
        let metadata = Metadata.read(snapshot([json]))
        #expect(metadata.accepts.map(\.type) == [.bugFixes, .features])
        #expect(metadata.accepts.first?.source == SourceLocation(file: "innersource.json", line: 5))
        #expect(metadata.topics.contains("Crossplane"))
    }

    // MARK: - Bad input

    @Test func invalidJSONIsReportedWithItsFile() {
        let metadata = Metadata.read(snapshot([RepositoryFile(path: "innersource.json", kind: .innersourceMetadata,
                                                              text: "{\"title\": \"x\",\n \"contributions\": [1,]\n")]))
        #expect(metadata.name == nil)
        #expect(metadata.diagnostics.count == 1)
        #expect(metadata.diagnostics[0].file == "innersource.json")
        #expect(metadata.diagnostics[0].message.hasPrefix("invalid JSON"))
    }

    @Test func yamlAliasBombIsRefused() {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            let previous = String(UnicodeScalar(UInt8(96 + level)))
            let next = String(UnicodeScalar(UInt8(97 + level)))
            bomb += "\(next): &\(next) [*\(previous),*\(previous),*\(previous),*\(previous),*\(previous),*\(previous),*\(previous),*\(previous),*\(previous)]\n"
        }
        let text = "kind: Component\nmetadata:\n  name: bomb\n  title: Bomb\n" + bomb
        let metadata = Metadata.read(snapshot([RepositoryFile(path: "catalog-info.yaml", kind: .backstageCatalog, text: text)],
                                              name: "boom"))
        #expect(metadata.name == nil)
        #expect(metadata.diagnostics.map(\.description) == [
            "error: boom: catalog-info.yaml:5: uses YAML anchors and aliases; refused; its facts are ignored",
        ])
    }

    @Test func deepNestingIsRefused() {
        let text = "kind: Component\nmetadata:\n  title: Deep\nspec: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let metadata = Metadata.read(snapshot([RepositoryFile(path: "catalog-info.yaml", kind: .backstageCatalog, text: text)]))
        #expect(metadata.name == nil)
        #expect(metadata.diagnostics.first?.message.contains("nested more than") == true)
    }

    @Test func invalidYAMLNamesTheLine() {
        let text = "kind: Component\nmetadata:\n  title: x\n\tname: tabs are not indentation\n"
        let metadata = Metadata.read(snapshot([RepositoryFile(path: "catalog-info.yaml", kind: .backstageCatalog, text: text)]))
        #expect(metadata.diagnostics.first?.message.hasPrefix("invalid YAML") == true)
        #expect(metadata.diagnostics.first?.line != nil)
    }

    @Test func frontMatterInTheReadme() {
        let readme = RepositoryFile(path: "README.md", kind: .readme, text: """
            ---
            title: Ledger Service
            description: Double-entry bookkeeping for every product.
            owners: ["@acme/ledger"]
            tags: [finance]
            ---
            # ledger
            """)
        let metadata = Metadata.read(snapshot([readme]))
        #expect(metadata.name == Fact("Ledger Service", source: SourceLocation(file: "README.md", line: 2)))
        #expect(metadata.owners.map(\.handle) == ["@acme/ledger"])
        #expect(metadata.owners.first?.kind == .team)
        #expect(metadata.topics == ["finance"])
    }
}
