@testable import AtriumBuild
import AtriumModel
@testable import Extract
import Foundation
import Harvest
@testable import Index
import Markdown
@testable import Render

/// The parsers that read other people's text, each with the properties that must hold for
/// any input. The fuzzer's driver stops the process when a property fails (libFuzzer records
/// that as a crash and keeps the input); the Swift tests replay saved inputs through the same
/// functions. Targets that read a file of several kinds take the kind from the first byte.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Markdown → HTML → sanitiser; the output, parsed again by gumbo, holds nothing outside
    /// the allowlist, no `on*` or `style` attribute and no URL with a dangerous scheme.
    case markdown
    /// CODEOWNERS (GitHub and GitLab syntax): every rule and problem names a real line.
    case codeowners
    /// Kubernetes OWNERS with OWNERS_ALIASES (the input split at its first NUL byte).
    case owners
    /// MAINTAINERS lists and Markdown MAINTAINERS.md tables.
    case maintainers
    /// innersource.json (the SAP portal's format and its variants).
    case innersourceJSON = "innersource-json"
    /// Backstage catalog-info.yaml, publiccode.yml and README front matter.
    case metadataYAML = "metadata-yaml"
    /// site.yml and repositories.yml.
    case siteConfiguration = "site-configuration"
    /// reStructuredText read as Markdown, line for line.
    case restructuredText = "restructured-text"
    /// AsciiDoc read as Markdown, line for line.
    case asciidoc
    /// The search tokenizer: lower-case tokens of two or more characters, stable under limits.
    case tokenizer
    /// A README and a CONTRIBUTING guide through the whole extractor: every fact names a line
    /// of the file it came from.
    case extract
    /// The build record's object scanner (`JSONMembers`): on any bytes it ends or throws, and
    /// on a JSON object it finds the members Foundation's parser finds.
    case jsonMembers = "json-members"

    /// Runs the target on one input; what property failed, or nil when all held.
    public func check(_ bytes: [UInt8]) -> String? {
        let selector = bytes.first ?? 0
        // Decoded as the harvester decodes every file it reads (line endings become LF).
        let body = Self.decoded(bytes.dropFirst())
        let text = Self.decoded(bytes[...])
        do {
            switch self {
            case .markdown: try Self.markdown(body, withRawImages: selector & 1 == 1)
            case .codeowners: try Self.codeowners(text)
            case .owners: try Self.owners(bytes)
            case .maintainers: try Self.maintainers(body, markdown: selector & 1 == 1)
            case .innersourceJSON: try Self.metadata(text, path: "innersource.json", kind: .innersourceMetadata)
            case .metadataYAML:
                let (path, kind) = Self.metadataKinds[Int(selector) % Self.metadataKinds.count]
                try Self.metadata(body, path: path, kind: kind)
            case .siteConfiguration: try Self.siteConfiguration(text)
            case .restructuredText: try Self.restructuredText(text)
            case .asciidoc: try Self.asciidoc(text)
            case .tokenizer: try Self.tokenizer(text)
            case .extract: try Self.extract(bytes)
            case .jsonMembers: try Self.jsonMembers(bytes)
            }
            return nil
        } catch let violation as Violation {
            return violation.message
        } catch {
            return "\(error)"
        }
    }

    /// The kinds the metadata target reads, by selector byte.
    public static let metadataKinds: [(String, DocumentKind)] = [
        ("catalog-info.yaml", .backstageCatalog), ("publiccode.yml", .publiccode), ("README.md", .readme),
    ]

    /// The first byte a seed of `kind` needs to be read as that kind.
    public func selector(for path: String) -> UInt8? {
        switch self {
        case .markdown: 0
        case .maintainers: path.hasSuffix(".md") ? 1 : 0
        case .metadataYAML: Self.metadataKinds.firstIndex { path.hasSuffix($0.0) }.map(UInt8.init)
        default: nil
        }
    }

    // MARK: - Properties

    struct Violation: Error {
        var message: String
    }

    static func decoded(_ bytes: ArraySlice<UInt8>) -> String {
        TextDecoding.decode(Array(bytes)).text
    }

    static func violation(_ message: String, _ input: String) -> Violation {
        Violation(message: "property violated: \(message)\ninput: \(input.debugDescription.prefix(2000))")
    }

    static func lineCount(_ text: String) -> Int {
        text.utf8.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
    }

    static func markdown(_ text: String, withRawImages: Bool) throws {
        let document = MarkdownDocument(parsing: text)
        let web = WebLinks(repository: "fuzz", ref: "HEAD", webTemplate: "https://git.example/{name}/blob/{ref}/{path}",
                           rawTemplate: withRawImages ? "https://git.example/{name}/raw/{ref}/{path}" : nil)
        let options = RenderOptions(rawHTML: .sanitize, anchorPrefix: "readme-",
                                    links: LinkContext(documentPath: "docs/README.md", web: web))
        let html = HTMLRenderer.render(document, path: "docs/README.md", options: options).html
        if let problem = SafeHTML.problem(in: html) { throw violation(problem, text) }
    }

    static func codeowners(_ text: String) throws {
        let file = CodeOwners(text)
        let lines = lineCount(text)
        for rule in file.rules {
            guard (1...lines).contains(rule.line) else { throw violation("rule on line \(rule.line) of \(lines)", text) }
            for owner in rule.owners where !CodeOwners.isOwner(owner) { throw violation("owner \(owner) is no owner", text) }
        }
        for problem in file.problems where !(1...lines).contains(problem.line) {
            throw violation("problem on line \(problem.line) of \(lines)", text)
        }
        _ = file.catchAllRules
    }

    static func owners(_ bytes: [UInt8]) throws {
        let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
        let owners = decoded(bytes[..<split])
        let aliases = split < bytes.endIndex ? decoded(bytes[(split + 1)...]) : nil
        let snapshot = RepositorySnapshot(source: RepositorySource(name: "fuzz", location: .folder("/fuzz")), files:
            [RepositoryFile(path: "OWNERS", kind: .owners, text: owners)]
            + (aliases.map { [RepositoryFile(path: "OWNERS_ALIASES", kind: .ownersAliases, text: $0)] } ?? []))
        try checkSources(of: Ownership.read(snapshot).trustedCommitters.map(\.source), in: snapshot, input: owners)
    }

    static func maintainers(_ text: String, markdown: Bool) throws {
        let file = RepositoryFile(path: markdown ? "MAINTAINERS.md" : "MAINTAINERS", kind: .maintainers, text: text)
        let people = MaintainersFile.people(in: file)
        let lines = lineCount(text)
        for person in people {
            guard person.source.file == file.path, (1...lines).contains(person.source.line ?? 1) else {
                throw violation("person from \(person.source)", text)
            }
            if (person.handle ?? "").isEmpty && (person.name ?? "").isEmpty { throw violation("a person without a name", text) }
        }
    }

    static func metadata(_ text: String, path: String, kind: DocumentKind) throws {
        let snapshot = RepositorySnapshot(source: RepositorySource(name: "fuzz", location: .folder("/fuzz")),
                                          files: [RepositoryFile(path: path, kind: kind, text: text)])
        let project = ProjectExtractor.extract(snapshot, slug: "fuzz", documents: [:]).project
        try checkReport(ProjectReport.json(project), snapshot: snapshot, input: text)
    }

    static func siteConfiguration(_ text: String) throws {
        _ = try? SiteLoader.site(fromYAML: text, path: "/fuzz/content/site.yml")
        if let sources = try? SiteLoader.repositories(fromYAML: text, path: "/fuzz/content/repositories.yml") {
            for source in sources where source.name.isEmpty { throw violation("a repository without a name", text) }
        }
    }

    static func restructuredText(_ text: String) throws { try lineForLine(text, ReStructuredText.markdown(from:)) }

    static func asciidoc(_ text: String) throws { try lineForLine(text, AsciiDoc.markdown(from:)) }

    /// Line for line: facts read from the converted Markdown keep the line numbers of the original.
    static func lineForLine(_ text: String, _ convert: (String) -> String) throws {
        let markdown = convert(text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let converted = markdown.split(separator: "\n", omittingEmptySubsequences: false).count
        if converted != lines { throw violation("\(lines) lines became \(converted)", text) }
        _ = MarkdownDocument(parsing: markdown)
    }

    static func tokenizer(_ text: String) throws {
        let tokens = SearchIndex.tokens(text)
        for token in tokens {
            if token.unicodeScalars.count < 2 { throw violation("token \(token.debugDescription) is shorter than 2", text) }
            if token.utf8.contains(where: { (65...90).contains($0) }) { throw violation("token \(token) has capitals", text) }
        }
        for limit in [0, 1, 3] where SearchIndex.tokens(text, limit: limit) != Array(tokens.prefix(limit)) {
            throw violation("limit \(limit) changes the tokens", text)
        }
    }

    static func jsonMembers(_ bytes: [UInt8]) throws {
        let decoder = JSONDecoder()
        let text = String(decoding: bytes, as: UTF8.self)
        var outOfPlace: String?
        let found: [String]? = bytes.withUnsafeBufferPointer { buffer in
            var keys: [String] = []
            do {
                try JSONMembers.forEach(in: buffer, objectAt: 0) { member in
                    // Every range lies inside the input, the key before its value.
                    guard member.value.upperBound <= buffer.count, member.key.upperBound <= member.value.lowerBound else {
                        outOfPlace = "member \(member.key) → \(member.value) in \(buffer.count) bytes"
                        throw JSONMembers.Malformed(offset: member.value.lowerBound)
                    }
                    keys.append(try JSONMembers.key(member, in: buffer, decoder: decoder))
                }
                return keys
            } catch {
                return nil
            }
        }
        if let outOfPlace { throw violation(outOfPlace, text) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return }
        // A valid object: the same keys (a repeated key once, as the parser keeps it).
        guard let found else { throw violation("a JSON object was not read", text) }
        if Set(found) != Set(object.keys) { throw violation("keys \(found.sorted()) instead of \(object.keys.sorted())", text) }
    }

    static func extract(_ bytes: [UInt8]) throws {
        let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
        let readme = decoded(bytes[..<split])
        let guide = split < bytes.endIndex ? decoded(bytes[(split + 1)...]) : nil
        var files = [RepositoryFile(path: "README.md", kind: .readme, text: readme)]
        if let guide { files.append(RepositoryFile(path: "CONTRIBUTING.md", kind: .contributing, text: guide)) }
        let snapshot = RepositorySnapshot(source: RepositorySource(name: "fuzz", location: .folder("/fuzz")), files: files)
        var documents: [String: MarkdownDocument] = [:]
        for file in files { documents[file.path] = MarkdownDocument(parsing: file.text) }
        let project = ProjectExtractor.extract(snapshot, slug: "fuzz", documents: documents).project
        try checkReport(ProjectReport.json(project), snapshot: snapshot, input: readme)
    }

    /// Every `"source": "file:line"` of an explain report names a file of the snapshot and a
    /// line it has.
    static func checkReport(_ json: String, snapshot: RepositorySnapshot, input: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else {
            throw violation("explain JSON does not parse", input)
        }
        var sources: [String] = []
        func walk(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                for (key, child) in dictionary {
                    if key == "source", let text = child as? String { sources.append(text) } else { walk(child) }
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(object)
        for source in sources {
            guard let colon = source.lastIndex(of: ":"), let line = Int(source[source.index(after: colon)...]) else {
                if snapshot.files.contains(where: { $0.path == source }) { continue }
                throw violation("source \(source) names no file", input)
            }
            try checkSources(of: [SourceLocation(file: String(source[..<colon]), line: line)], in: snapshot, input: input)
        }
    }

    static func checkSources(of sources: [SourceLocation], in snapshot: RepositorySnapshot, input: String) throws {
        for source in sources {
            guard let file = snapshot.files.first(where: { $0.path == source.file }) else {
                throw violation("source \(source) names no file of the repository", input)
            }
            let lines = lineCount(file.text)
            if let line = source.line, !(1...lines).contains(line) {
                throw violation("source \(source) is past the file's \(lines) lines", input)
            }
        }
    }
}
