import AtriumModel
import AtriumTestSupport
import Extract
import Harvest
import Markdown
import Testing

/// Harvests a folder and extracts its project, as the build does.
func extract(folder: String, name: String? = nil) -> ProjectExtractor.Result {
    let name = name ?? (folder as NSString).lastPathComponent
    let source = RepositorySource(name: name, location: .folder(folder))
    let snapshot = FolderHarvester(maxFileBytes: 1 << 20).harvest(source, folder: folder).snapshot!
    var documents: [String: MarkdownDocument] = [:]
    for file in snapshot.files where file.isMarkdown {
        documents[file.path] = MarkdownDocument(parsing: file.text)
    }
    return ProjectExtractor.extract(snapshot, slug: Slug.make(from: name), documents: documents)
}

import Foundation

@Suite struct SampleRepositoryTests {
    func project(_ sample: String) -> Project {
        extract(folder: Checkout.samples + "/" + sample).project
    }

    @Test func exemplaryRepositoryNameAndDescriptionComeFromTheReadme() {
        let payments = project("payments-sdk")
        #expect(payments.name == Fact("Payments SDK", source: SourceLocation(file: "README.md", line: 1)))
        #expect(payments.description?.value.hasPrefix("A Kotlin client library that lets any Acme JVM service") == true)
        #expect(payments.description?.source == SourceLocation(file: "README.md", line: 5))
        #expect(payments.readme == "README.md")
        #expect(payments.contributing == "CONTRIBUTING.md")
        #expect(payments.codeowners == ".github/CODEOWNERS")
    }

    @Test func filingCabinetHasAReadmeAndNothingElse() {
        let legacy = project("legacy-billing-scripts")
        #expect(legacy.description?.value == "Nightly scripts for the old billing database (pre-2018 invoices).")
        #expect(legacy.contributing == nil)
        #expect(legacy.codeowners == nil)
    }

    @Test func innerSourceMetadataTitleWinsOverTheReadmeHeading() {
        let flags = project("feature-flags")
        #expect(flags.name.value == "Feature Flags - Acme Toggle Service")
        #expect(flags.name.source?.file == "innersource.json")
        #expect(flags.contributing == "docs/CONTRIBUTING.md")
        #expect(flags.topics.contains("grpc"))
    }

    @Test func backstageComponentGivesTitleDescriptionAndTags() {
        let dashboards = project("observability-dashboards")
        #expect(dashboards.name.value == "Observability Dashboards")
        #expect(dashboards.name.source?.file == "catalog-info.yaml")
        #expect(dashboards.description?.value == "Grafana dashboards and alert rules as code, shared by every service team at Acme.")
        #expect(dashboards.topics.contains("jsonnet"))
    }

    @Test func gitLabCodeownersInTheGitLabFolderIsFound() {
        #expect(project("mobile-design-system").codeowners == ".gitlab/CODEOWNERS")
    }

    @Test func nonASCIITextIsKept() {
        let service = project("übersetzung-service")
        #expect(service.name.value == "Übersetzungs-Service 🌍")
        #expect(service.description?.value.hasPrefix("Der Übersetzungs-Service liefert allen Acme-Anwendungen") == true)
    }

    @Test func invalidMetadataIsReportedAndTheRestIsStillExtracted() {
        let result = extract(folder: Checkout.samples + "/data-pipeline-templates")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.file == "innersource.json")
        #expect(result.diagnostics.first?.repository == "data-pipeline-templates")
        #expect(result.diagnostics.first?.description.contains("invalid JSON") == true)
        #expect(result.project.description != nil)
        #expect(result.project.codeowners == "CODEOWNERS")
    }
}

@Suite struct RealReadmeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var folder: String
        var title: String?
        var description: String?
        var testDescription: String { folder }
    }

    static let cases: [Case] = [
        // Description after a block of raw HTML (logo and badges).
        // No level-1 heading: the name stays the repository's.
        Case(folder: "hummingbird-project--hummingbird", title: nil,
             description: "Lightweight, flexible, modern server framework written in Swift."),
        // Badges and an inline logo in the heading.
        Case(folder: "getzola--zola", title: "zola (né Gutenberg)",
             description: "A fast static site generator in a single binary with everything built-in."),
        Case(folder: "JohnSundell--Publish", title: nil,
             description: "Welcome to Publish, a static site generator built specifically for Swift developers. It enables entire websites to be built using Swift, and supports themes, plugins and tons of other powerful customization options."),
        // A "FIXME" placeholder and a list come before the real description.
        Case(folder: "kubernetes--kubernetes", title: "Kubernetes",
             description: "Kubernetes is an open source system for managing containerized applications across multiple hosts, providing basic mechanisms for deployment, maintenance, and scaling of applications."),
        Case(folder: "InnerSourceCommons--InnerSourcePatterns", title: "InnerSource Patterns",
             description: "This repository contains the InnerSource Patterns collected by the InnerSource Commons. These patterns are InnerSource best practices codified in a specific format to make it easy to understand, evaluate, and reuse them."),
        // The only prose is under "Usage": instructions, not a description.
        Case(folder: "apple--swift-argument-parser", title: "Swift Argument Parser", description: nil),
        // reStructuredText: an over- and underlined title.
        Case(folder: "django--django", title: "Django",
             description: "Django is a high-level Python Web framework that encourages rapid development and clean, pragmatic design. Thanks for checking it out."),
    ]

    @Test(Shared.needs("corpus/real"), arguments: cases)
    func titleAndDescription(_ expected: Case) {
        let project = extract(folder: Checkout.realCorpus + "/" + expected.folder).project
        #expect(project.name.value == (expected.title ?? expected.folder))
        #expect(project.description?.value == expected.description)
    }
}

/// An InnerSource template copied and never filled in names nobody.
@Suite struct UnfilledTemplateTests {
    @Test func placeholdersNameNobodyAndTheReportSaysSo() throws {
        let repo = try TemporaryFolder("template")
        try repo.write("# Service\n\nA service.\n", to: "README.md")
        try repo.write("* @GitHubUsername @your-org/your-team\n/docs/ @acme/docs\n", to: "CODEOWNERS")
        try repo.write("# Contributing\n\nMaintainers: Jane Doe <jane.doe@example.com>\n\nAsk in Slack: #your-channel\n",
                       to: "CONTRIBUTING.md")
        let project = extract(folder: repo.path).project
        #expect(project.owners.isEmpty)
        #expect(project.trustedCommitters.isEmpty)
        #expect(!project.channels.contains { $0.name == "#your-channel" })
        let check = try #require(project.readiness?.checks.first { $0.id == "template-filled-in" })
        #expect(!check.passed)
        #expect(check.message.hasPrefix("The template was not filled in: `@GitHubUsername` (CODEOWNERS:1)"))
    }
}
