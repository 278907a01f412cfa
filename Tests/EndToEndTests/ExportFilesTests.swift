import AtriumTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// An XML document as a tree of element names, attributes and text: enough to check the Atom
/// feed's structure and the badges' after a real XML parser read them.
final class XMLTree: NSObject, XMLParserDelegate {
    final class Element {
        let name: String
        let attributes: [String: String]
        var children: [Element] = []
        var text = ""
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
        func all(_ name: String) -> [Element] { children.filter { $0.name == name } }
        func first(_ name: String) -> Element? { children.first { $0.name == name } }
    }

    private var stack: [Element] = []
    private(set) var root: Element?
    private(set) var namespaces: [String] = []

    static func parse(_ data: Data) -> XMLTree? {
        let tree = XMLTree()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = tree
        return parser.parse() ? tree : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let element = Element(name: name, attributes: attributes)
        namespaces.append(namespaceURI ?? "")
        if let parent = stack.last { parent.children.append(element) } else { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}

/// What every build writes besides pages, on the samples: the Atom feed, the badges, the
/// explain-contract API and the InnerSource portal's data, as a consumer reads them.
@Suite struct ExportFilesTests {
    static let epoch = 1_767_225_600  // 2026-01-01T00:00:00Z

    static func build() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let out = folder.path + "/public"
        let result = try AtriumCommand.run(["build", "--site", Checkout.root, "--out", out, "--quiet"],
                                           environment: ProcessInfo.processInfo.environment.merging(
                                               ["SOURCE_DATE_EPOCH": "\(epoch)"]) { $1 })
        #expect(result.status == 0, "\(result.errors)")
        return (folder, out)
    }

    @Test func theFeedIsAtomWithAnEntryPerProject() throws {
        let (folder, out) = try Self.build()
        _ = folder
        let tree = try #require(XMLTree.parse(try Data(contentsOf: URL(fileURLWithPath: out + "/feed.xml"))),
                                "feed.xml parses as XML")
        let feed = try #require(tree.root)
        #expect(feed.name == "feed")
        #expect(Set(tree.namespaces) == ["http://www.w3.org/2005/Atom"])
        // RFC 4287 4.1.1: a feed has one id, title and updated, and an author (or every entry has).
        for name in ["id", "title", "updated", "author"] { #expect(feed.all(name).count == 1, "feed \(name)") }
        let stamp = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/
        let entries = feed.all("entry")
        #expect(entries.count == SampleCatalogueTests.samples.count)
        var ids: Set<String> = []
        for entry in entries {
            for name in ["id", "title", "updated"] { #expect(entry.all(name).count == 1, "entry \(name)") }
            let id = entry.first("id")?.text ?? ""
            #expect(id.hasPrefix("urn:uuid:"))
            ids.insert(id)
            let updated = entry.first("updated")?.text ?? ""
            #expect(updated.wholeMatch(of: stamp) != nil)
            #expect(updated <= "2026-01-01T00:00:00Z", "no date after SOURCE_DATE_EPOCH")
            let link = entry.first("link")?.attributes["href"] ?? ""
            #expect(link.hasPrefix("https://innersource.acme.example/projects/"))
        }
        #expect(ids.count == entries.count, "ids are unique")
        let titles = Set(entries.compactMap { $0.first("title")?.text })
        #expect(titles == Set(SampleCatalogueTests.samples.map(\.1)))
    }

    @Test func everyProjectHasABadgeThatSaysItsReadiness() throws {
        let (folder, out) = try Self.build()
        _ = folder
        for (slug, _) in SampleCatalogueTests.samples {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/projects/\(slug)/badge.svg"))
            let svg = try #require(XMLTree.parse(data)?.root, "\(slug) badge parses")
            #expect(svg.name == "svg")
            #expect(svg.attributes["role"] == "img")
            let project = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: out + "/api/projects/\(slug).json"))) as? [String: Any])
            let readiness = try #require(project["readiness"] as? [String: Any])
            let level = try #require(readiness["level"] as? String)
            #expect(svg.first("title")?.text == "InnerSource: \(level) · \(readiness["score"]!)")
            #expect(svg.attributes["aria-label"] == svg.first("title")?.text)
        }
    }

    @Test func theAPIHoldsEveryProjectInTheExplainContract() throws {
        let (folder, out) = try Self.build()
        _ = folder
        let all = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/api/projects.json"))) as? [[String: Any]])
        #expect(all.map { $0["slug"] as? String } == SampleCatalogueTests.samples.map(\.0).sorted())
        for project in all {
            let slug = project["slug"] as! String
            let one = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/api/projects/\(slug).json")))
            #expect(NSDictionary(dictionary: project).isEqual(one), "\(slug): the array holds the project's own file")
        }
        // The same facts `atrium explain` gives for the folder (topics add the manifest's tags).
        let explained = try AtriumCommand.run(["explain", Checkout.root + "/content/samples/payments-sdk", "--format", "json"])
        var expected = try #require(try JSONSerialization.jsonObject(with: Data(explained.output.utf8)) as? [String: Any])
        var published = try #require(all.first { $0["slug"] as? String == "payments-sdk" })
        expected["topics"] = nil
        published["topics"] = nil
        #expect(NSDictionary(dictionary: expected).isEqual(to: published))
    }

    @Test func thePortalDataNamesEveryProjectWithItsGuide() throws {
        let (folder, out) = try Self.build()
        _ = folder
        let repos = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/repos.json"))) as? [[String: Any]])
        #expect(repos.count == SampleCatalogueTests.samples.count)
        let payments = try #require(repos.first { $0["name"] as? String == "payments-sdk" })
        #expect(payments["html_url"] as? String == "https://git.acme.example/payments-sdk")
        let metadata = try #require(payments["_InnerSourceMetadata"] as? [String: Any])
        #expect(metadata["title"] as? String == "Payments SDK")
        #expect(metadata["guidelines"] as? String == "CONTRIBUTING.md")
        #expect(payments["updated_at"] as? String == "2026-01-01T00:00:00Z")
        #expect(Set(repos.compactMap { $0["id"] as? Int }).count == repos.count, "ids are numbers, one per project")
    }
}
