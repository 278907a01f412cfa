import AtriumTestSupport
import Foundation
import Testing

/// `atrium build` on the bundled sample repositories, as the README's first command runs it.
@Suite struct SampleCatalogueTests {
    static let samples = [
        ("payments-sdk", "Payments SDK"),
        ("legacy-billing-scripts", "billing-scripts"),
        ("feature-flags", "Feature Flags - Acme Toggle Service"),
        ("observability-dashboards", "Observability Dashboards"),
        ("mobile-design-system", "Pebble Mobile Design System"),
        ("ubersetzung-service", "Übersetzungs-Service 🌍"),
        ("data-pipeline-templates", "Data Pipeline Templates"),
        ("search-gateway", "search-gateway"),
    ]

    @Test func publishesAHomePageAndOnePagePerSample() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/public"
        let result = try AtriumCommand.run(["build", "--site", Checkout.root, "--out", out])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("Published 8 projects to \(out) (2 problem(s) reported above)\n"))
        #expect(result.output.contains("made 8;"), "\(result.output)")

        let home = read(out + "/index.html")
        for (slug, name) in Self.samples {
            #expect(home.contains("<a href=\"projects/\(slug)/\">\(name)</a>"), "\(slug) on the home page")
            #expect(read(out + "/projects/\(slug)/index.html").contains("<h1>\(name)</h1>"), "\(slug) page")
        }
        let payments = read(out + "/projects/payments-sdk/index.html")
        #expect(payments.contains("<p class=\"lede\">A Kotlin client library that lets any Acme JVM service"))
        // README and CONTRIBUTING rendered, with anchors and links back to the git server.
        #expect(payments.contains("<div class=\"markdown-heading\" id=\"user-content-contributing-development-setup\">"))
        #expect(payments.contains("<pre><code class=\"language-sh\">make bootstrap"))
        #expect(payments.contains("href=\"https://git.acme.example/payments-sdk/blob/HEAD/docs/architecture.md\""))
        // The large table in the non-ASCII sample.
        let translation = read(out + "/projects/ubersetzung-service/index.html")
        #expect(translation.components(separatedBy: "<tr>").count > 40)
        #expect(translation.contains("日本語"))
        // The site's own pages and the search data.
        #expect(read(out + "/pages/what-is-innersource/index.html").contains("Trusted Committer"))
        #expect(read(out + "/search/docs/0.json").contains("\"slug\":\"payments-sdk\""))
        #expect(read(out + "/search/shards.json").contains("\"documents\":8"))
        // Lists that reach every project without JavaScript.
        #expect(read(out + "/all/index.html").components(separatedBy: "class=\"project-card\"").count == 9)
        #expect(read(out + "/owners/index.html").contains("@acme/payments-team (1)"))
        #expect(read(out + "/topics/payments/index.html").contains("Payments SDK"))
        #expect(FileManager.default.fileExists(atPath: out + "/assets/site.css"))
        #expect(FileManager.default.fileExists(atPath: out + "/404.html"))
    }

    @Test func reportsTheBrokenSampleByRepositoryAndFile() throws {
        let folder = try TemporaryFolder()
        let result = try AtriumCommand.run(["build", "--site", Checkout.root, "--out", folder.path + "/public"])
        #expect(result.errorLines == [
            "warning: data-pipeline-templates: README.md:7: not valid UTF-8; bad bytes are shown as replacement characters",
            "error: data-pipeline-templates: innersource.json: invalid JSON: Unexpected end of file during JSON parse; its facts are ignored",
        ])
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let folder = try TemporaryFolder()
        let first = try AtriumCommand.run(["build", "--site", Checkout.root, "--out", folder.path + "/a", "--jobs", "1"])
        let second = try AtriumCommand.run(["build", "--site", Checkout.root, "--out", folder.path + "/b", "--jobs", "4"])
        #expect(first.status == 0 && second.status == 0)
        let a = tree(folder.path + "/a"), b = tree(folder.path + "/b")
        #expect(a.count > 10)
        #expect(a == b)
    }

    @Test func aFailedStrictBuildLeavesThePublishedSiteUntouched() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/public"
        #expect(try AtriumCommand.run(["build", "--site", Checkout.root, "--out", out]).status == 0)
        let before = tree(out)

        let strict = try AtriumCommand.run(["build", "--site", Checkout.root, "--out", out, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.errors.contains("error: repositories: --strict: 2 problem(s) in the repositories; nothing was published"))
        #expect(tree(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["public"])
    }
}
