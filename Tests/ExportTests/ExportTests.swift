import AtriumModel
@testable import Export
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Listings as a hostile repository would make them: markup, script URLs and controls wherever
/// a value can go.
private func listing(_ slug: String, name: String = "Payments SDK", description: String? = "Pay with one call.",
                     web: String? = "https://git.example/acme/payments-sdk", updated: Int = 1_764_000_000,
                     guide: String? = "CONTRIBUTING.md") -> ProjectListing {
    var project = Project(slug: slug, repository: "acme/" + slug, name: Fact(name, source: nil),
                          description: description.map { Fact($0, source: nil) }, topics: ["payments", "<b>sdk</b>"],
                          contributing: guide)
    project.owners = [Person(handle: "@acme/payments", kind: .team, role: "codeowner",
                             source: SourceLocation(file: "CODEOWNERS", line: 1))]
    project.language = Fact("Go", source: nil)
    project.readiness = Readiness(score: 80, level: .openToContributions, checks: [])
    project.channels = [Channel(kind: .chat, name: "#pay", url: "javascript:alert(1)", source: SourceLocation(file: "README.md")),
                        Channel(kind: .chat, name: "#pay", url: "https://chat.example/pay", source: SourceLocation(file: "README.md"))]
    let source = RepositorySource(name: "acme/" + slug, location: .remote("https://user:secret@git.example/acme/\(slug).git"),
                                  webTemplate: web.map { _ in "https://git.example/{name}/blob/{ref}/{path}" })
    let links = WebLinks(repository: source.name, ref: "main", webTemplate: source.webTemplate, rawTemplate: nil)
    return ProjectListing(project, links: links, source: source, updated: updated)
}

private func parsesAsXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

@Suite struct ReadinessBadgeTests {
    @Test(arguments: Readiness.Level.allCases.map(Optional.some) + [nil])
    func everyLevelGivesAnSVGThatParsesAndSaysTheLevel(level: Readiness.Level?) {
        let svg = ReadinessBadge.svg(level: level, score: level == nil ? nil : 55)
        #expect(parsesAsXML(svg))
        let words = XMLText.escaped(level?.rawValue ?? "not assessed")
        #expect(svg.contains("<title>InnerSource: \(words)"))
        #expect(svg.contains("aria-label=\"InnerSource: \(words)"))
        #expect(svg.contains("role=\"img\""))
        #expect(!svg.contains("@import") && !svg.contains("url("), "fetches nothing")
    }
}

@Suite struct AtomFeedTests {
    @Test func hostileValuesAreEscapedAndTheFeedParses() {
        let feed = AtomFeed.xml(site: SiteConfiguration(title: "Cat & <Co>", baseURL: "https://cat.example"),
                                listings: [listing("a", name: "</title><script>alert(1)</script>\u{1}",
                                                   description: "x]]>&amp;")])
        #expect(parsesAsXML(feed))
        #expect(!feed.contains("<script>"))
        #expect(feed.contains("<title>Cat &amp; &lt;Co&gt;</title>"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://cat.example/projects/a/\"/>"))
    }

    @Test func entriesAreNewestFirstWithIdsThatFollowTheSlug() throws {
        let listings = [listing("old", updated: 1_000_000_000), listing("new", updated: 1_700_000_000),
                        listing("tie", updated: 1_700_000_000)]
        let feed = AtomFeed.xml(site: SiteConfiguration(title: "Cat"), listings: listings)
        let titles = feed.components(separatedBy: "<entry>").dropFirst().map { $0.components(separatedBy: "<id>")[1] }
        #expect(titles.count == 3)
        let new = try #require(feed.range(of: AtomFeed.uuid("project\nnew")))
        let tie = try #require(feed.range(of: AtomFeed.uuid("project\ntie")))
        let old = try #require(feed.range(of: AtomFeed.uuid("project\nold")))
        #expect(new.lowerBound < tie.lowerBound && tie.lowerBound < old.lowerBound)
        #expect(feed.contains("<updated>2023-11-14T22:13:20Z</updated>"), "the feed is as new as its newest entry")
        #expect(AtomFeed.uuid("project\nnew") == AtomFeed.uuid("project\nnew"))
        #expect(AtomFeed.uuid("project\nnew").wholeMatch(of: /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
    }
}

@Suite struct PortalExportTests {
    func entries(_ listings: [ProjectListing], site: SiteConfiguration = SiteConfiguration(title: "Cat", baseURL: "https://cat.example/")) throws -> [[String: Any]] {
        let data = PortalExport.json(site: site, listings: listings, now: 1_764_000_000)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test func theFieldsThePortalReadsAreThere() throws {
        let entry = try #require(try entries([listing("payments-sdk")]).first)
        #expect(entry["name"] as? String == "payments-sdk")
        #expect(entry["full_name"] as? String == "acme/payments-sdk")
        #expect(entry["html_url"] as? String == "https://git.example/acme/payments-sdk")
        #expect(entry["language"] as? String == "Go")
        let owner = try #require(entry["owner"] as? [String: Any])
        #expect(owner["login"] as? String == "acme")
        let metadata = try #require(entry["_InnerSourceMetadata"] as? [String: Any])
        #expect(metadata["title"] as? String == "Payments SDK")
        #expect(metadata["docs"] as? String == "https://git.example/acme/payments-sdk/blob/main/CONTRIBUTING.md")
        #expect(metadata["score"] is Int)
        #expect((metadata["topics"] as? [String]) == ["payments", "bsdk/b"])
        let extracted = try #require(metadata["atrium"] as? [String: Any])
        #expect(extracted["page"] as? String == "https://cat.example/projects/payments-sdk/")
        #expect(extracted["channels"] as? [String] == ["https://chat.example/pay"], "only web links")
        #expect(extracted["readiness"] as? String == "open to contributions")
    }

    @Test func noScriptURLsNoMarkupNoCredentials() throws {
        let hostile = listing("x", name: "<img src=x onerror=alert(1)>", description: "\"><script>alert(1)</script>",
                              web: nil)
        let data = PortalExport.json(site: SiteConfiguration(title: "Cat"), listings: [hostile], now: nil)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("<") && !text.contains(">"))
        #expect(!text.contains("secret"), "the remote's password is not exported")
        let entry = try #require(try entries([hostile], site: SiteConfiguration(title: "Cat")).first)
        #expect(entry["html_url"] as? String == "https://git.example/acme/x", "from the remote, without user or .git")
    }

    @Test func idsAreNumbersThatStayWithTheSlug() throws {
        let first = try entries([listing("a"), listing("b")])
        let second = try entries([listing("b"), listing("c"), listing("a")])
        let ids = Dictionary(uniqueKeysWithValues: second.map { ($0["name"] as! String, $0["id"] as! Int) })
        for entry in first { #expect(ids[entry["name"] as! String] == entry["id"] as? Int) }
        #expect(ids.values.allSatisfy { $0 > 0 && $0 < 1 << 53 })
    }

    @Test func aCatalogueWithNoProjectsGivesEmptyButValidFiles() throws {
        let data = PortalExport.json(site: SiteConfiguration(title: "Cat"), listings: [], now: nil)
        #expect(try JSONSerialization.jsonObject(with: data) as? [Any] != nil)
        #expect(try entries([]).isEmpty)
        let feed = AtomFeed.xml(site: SiteConfiguration(title: "Cat"), listings: [])
        #expect(parsesAsXML(feed))
        #expect(!feed.contains("<entry>"))
    }

    @Test func plainTextKeepsWordsAndDropsMarkup() {
        #expect(PlainText.of("  A <b>bold</b>\n\tclaim & more  ") == "A bbold/b claim more")
        #expect(PlainText.of(String(repeating: "x", count: 20), limit: 10) == String(repeating: "x", count: 9) + "…")
    }
}
