import AtriumModel
import Foundation
import Markdown
import Yams

/// Facts the owners wrote down on purpose: `innersource.json` (the SAP InnerSource portal
/// format), Backstage's `catalog-info.yaml`, `publiccode.yml` and YAML front matter in the
/// README or contribution guide. They win over what prose suggests.
struct Metadata {
    var name: Fact<String>?
    var description: Fact<String>?
    var topics: [String] = []
    var language: Fact<String>?
    var owners: [Person] = []
    var trustedCommitters: [Person] = []
    var accepts: [Contribution] = []
    var channels: [Channel] = []
    var reviewCommitment: ReviewCommitment?
    var diagnostics: [Diagnostic] = []

    static func read(_ snapshot: RepositorySnapshot) -> Metadata {
        var metadata = Metadata()
        let repository = snapshot.name
        func attempt(_ file: RepositoryFile, _ body: (RepositoryFile) throws -> Void) {
            do {
                try body(file)
            } catch let problem as YAMLProblem {
                metadata.diagnostics.append(.error(repository: repository, file: problem.file, line: problem.line,
                                                   "\(problem.message); its facts are ignored"))
            } catch let problem as JSONProblem {
                metadata.diagnostics.append(.error(repository: repository, file: file.path, line: problem.line,
                                                   "\(problem.message); its facts are ignored"))
            } catch {
                metadata.diagnostics.append(.error(repository: repository, file: file.path, "\(error)"))
            }
        }
        // Strongest first: the first source to give a fact keeps it.
        if let file = snapshot.file(.innersourceMetadata) { attempt(file) { try metadata.readInnerSource($0) } }
        if let file = snapshot.file(.backstageCatalog) { attempt(file) { try metadata.readBackstage($0) } }
        if let file = snapshot.file(.publiccode) { attempt(file) { try metadata.readPublicCode($0) } }
        for kind in [DocumentKind.readme, .contributing] {
            if let file = snapshot.file(kind), file.isMarkdown { attempt(file) { try metadata.readFrontMatter($0) } }
        }
        return metadata
    }

    // MARK: - innersource.json

    private mutating func readInnerSource(_ file: RepositoryFile) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(file.text.utf8))
        } catch {
            throw JSONProblem(line: JSONLocation.line(of: error), message: "invalid JSON: \(JSONLocation.reason(of: error))")
        }
        guard let fields = object as? [String: Any] else {
            throw JSONProblem(line: 1, message: "expected a JSON object")
        }
        let lines = LineFinder(file.text)
        func source(_ key: String, value: String? = nil) -> SourceLocation {
            SourceLocation(file: file.path, line: value.flatMap { lines.line(containing: "\"\($0)\"") }
                ?? lines.line(containingKey: key))
        }
        if name == nil, let title = (fields["title"] as? String).flatMap(nonEmpty) {
            name = Fact(title, source: source("title"))
        }
        if description == nil, let text = (fields["description"] as? String).flatMap(nonEmpty) {
            description = Fact(text, source: source("description"))
        }
        for item in (fields["contributions"] as? [Any] ?? []).compactMap({ $0 as? String }).compactMap(nonEmpty) {
            let types = ContributionTypes.classify(item)
            for type in types.isEmpty ? [.other] : types where !accepts.contains(where: { $0.type == type }) {
                accepts.append(Contribution(type: type, text: item, source: source("contributions", value: item)))
            }
        }
        // Portal variants also list the Trusted Committers and where to talk.
        for key in ["trusted_committers", "trustedCommitters", "maintainers"] {
            for entry in fields[key] as? [Any] ?? [] {
                let person = entry as? [String: Any] ?? [:]
                let login = (person["github"] ?? person["handle"] ?? person["username"]) as? String
                let email = person["email"] as? String
                let personName = (person["name"] as? String) ?? (entry as? String)
                guard let identity = login ?? email ?? personName, isFilledIn(identity) else { continue }
                trustedCommitters.append(Person(handle: login ?? email, name: personName, kind: .person,
                                                role: (person["role"] as? String)?.lowercased() ?? "trusted committer",
                                                source: source(key, value: identity)))
            }
        }
        if let communication = fields["communication"] as? [String: Any] {
            for (key, value) in communication.sorted(by: { $0.key < $1.key }) {
                guard let text = value as? String, isFilledIn(text) else { continue }
                let lowerKey = key.lowercased()
                let kind: Channel.Kind = lowerKey.contains("issue") ? .issueTracker
                    : lowerKey.contains("mail") ? .mailingList : lowerKey.contains("forum") ? .forum
                    : ["slack", "chat", "channel", "teams", "discord"].contains(where: lowerKey.contains) ? .chat : .other
                let isLink = text.lowercased().hasPrefix("http")
                channels.append(Channel(kind: kind, name: isLink ? nil : text, url: isLink ? text : nil,
                                        source: source(key, value: text)))
            }
        }
        topics += (fields["skills"] as? [Any] ?? []).compactMap { $0 as? String }
        if let language = (fields["language"] as? String).flatMap(nonEmpty) {
            topics.append(language)
            self.language = Fact(language, source: source("language"))
        }
    }

    // MARK: - catalog-info.yaml

    private mutating func readBackstage(_ file: RepositoryFile) throws {
        let documents = try SafeYAML.loadAll(file.text, file: file.path)
        // The Component describes the repository; other kinds (Group, System, Location)
        // describe its neighbours.
        guard let entity = documents.first(where: { $0["kind"]?.string == "Component" })
                ?? documents.first(where: { ["API", "Resource", "System"].contains($0["kind"]?.string ?? "") }),
              let meta = entity["metadata"] else { return }
        func source(_ node: Node?) -> SourceLocation {
            SourceLocation(file: file.path, line: node?.mark.map { $0.line })
        }
        if name == nil, let title = (meta["title"]?.string).flatMap(nonEmpty) {
            name = Fact(title, source: source(meta["title"]))
        }
        if description == nil, let text = (meta["description"]?.string).flatMap(nonEmpty) {
            description = Fact(text.collapsingWhitespace, source: source(meta["description"]))
        }
        if case .sequence(let tags)? = meta["tags"] { topics += tags.compactMap(\.string) }
        if let ownerNode = entity["spec"]?["owner"], let owner = ownerNode.string.flatMap(nonEmpty) {
            owners.append(Person(handle: owner, kind: owner.hasPrefix("user:") ? .person : .team, role: "owner",
                                 source: source(ownerNode)))
        }
        if case .sequence(let links)? = meta["links"] {
            for link in links {
                guard let url = link["url"]?.string else { continue }
                let title = (link["title"]?.string ?? "").lowercased()
                if let kind = Self.channelKind(title: title, url: url.lowercased()) {
                    channels.append(Channel(kind: kind, name: nil, url: url, source: source(link["url"])))
                }
            }
        }
        if case .mapping(let annotations)? = meta["annotations"] {
            for (key, value) in annotations {
                guard let key = key.string?.lowercased(), let text = value.string else { continue }
                if key.contains("slack") || key.contains("chat") || key.contains("teams") {
                    channels.append(Channel(kind: .chat, name: text.hasPrefix("#") ? text : nil,
                                            url: text.hasPrefix("#") ? nil : text, source: source(value)))
                } else if key.contains("review"), reviewCommitment == nil,
                          let hours = ReviewPromise.hours(in: text.lowercased()) {
                    reviewCommitment = ReviewCommitment(text: "\(key): \(text)", hours: hours, source: source(value))
                }
            }
        }
    }

    private static func channelKind(title: String, url: String) -> Channel.Kind? {
        if ["slack", "chat", "discord", "teams", "matrix", "gitter", "zulip"].contains(where: { title.contains($0) || url.includes($0) }) {
            return .chat
        }
        if title.contains("forum") || title.contains("discussion") || url.includes("discourse") { return .forum }
        if title.contains("mailing list") || url.includes("groups.google") { return .mailingList }
        if title.contains("issue") || url.hasSuffix("/issues") { return .issueTracker }
        return nil
    }

    // MARK: - publiccode.yml

    private mutating func readPublicCode(_ file: RepositoryFile) throws {
        guard let root = try SafeYAML.load(file.text, file: file.path) else { return }
        func source(_ node: Node?) -> SourceLocation {
            SourceLocation(file: file.path, line: node?.mark.map { $0.line })
        }
        if name == nil, let node = root["name"], let text = node.string.flatMap(nonEmpty) {
            name = Fact(text, source: source(node))
        }
        if description == nil, case .mapping(let languages)? = root["description"] {
            let preferred = languages.first { $0.key.string == "en" } ?? languages.first
            if let node = preferred?.value["shortDescription"], let text = node.string.flatMap(nonEmpty) {
                description = Fact(text.collapsingWhitespace, source: source(node))
            }
        }
        if case .sequence(let categories)? = root["categories"] { topics += categories.compactMap(\.string) }
        if let node = root["legal"]?["repoOwner"], let owner = node.string.flatMap(nonEmpty) {
            owners.append(Person(name: owner, kind: .team, role: "owner", source: source(node)))
        }
        if case .sequence(let contacts)? = root["maintenance"]?["contacts"] {
            for contact in contacts {
                let email = contact["email"]?.string
                guard let contactName = contact["name"]?.string ?? email else { continue }
                trustedCommitters.append(Person(handle: email, name: contactName, kind: .person, role: "maintainer",
                                                source: source(contact["name"] ?? contact["email"])))
            }
        }
    }

    // MARK: - Front matter

    private mutating func readFrontMatter(_ file: RepositoryFile) throws {
        guard let yaml = FrontMatter.split(file.text).frontMatter,
              let root = try SafeYAML.load(yaml, file: file.path), case .mapping = root else { return }
        // The YAML starts on the file's second line.
        func source(_ node: Node?) -> SourceLocation {
            SourceLocation(file: file.path, line: node?.mark.map { $0.line + 1 })
        }
        if name == nil, let node = root["title"], let text = node.string.flatMap(nonEmpty) {
            name = Fact(text, source: source(node))
        }
        if description == nil, let node = root["description"], let text = node.string.flatMap(nonEmpty) {
            description = Fact(text.collapsingWhitespace, source: source(node))
        }
        if case .sequence(let tags)? = root["tags"] ?? root["topics"] { topics += tags.compactMap(\.string) }
        for key in ["owner", "owners"] {
            guard let node = root[key] else { continue }
            let values: [Node] = if case .sequence(let items) = node { Array(items) } else { [node] }
            for value in values {
                guard let owner = value.string.flatMap(nonEmpty) else { continue }
                owners.append(Person(handle: owner, kind: owner.includes("/") ? .team : .person, role: "owner",
                                     source: source(value)))
            }
        }
    }
}

/// Template placeholders ("<!-- TODO: add your channel -->", "TBD") are not facts.
private func isFilledIn(_ text: String) -> Bool {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return !trimmed.isEmpty && !trimmed.hasPrefix("<!--") && !trimmed.uppercased().contains("TODO")
        && !["TBD", "N/A", "-"].contains(trimmed.uppercased())
}

private func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
}

struct JSONProblem: Error {
    var line: Int?
    var message: String
}

/// Where a key or value sits in a JSON text: good enough to point a person at the right line.
struct LineFinder {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func line(containingKey key: String) -> Int? {
        line(containing: "\"\(key)\"")
    }

    func line(containing snippet: String) -> Int? {
        lines.firstIndex { $0.contains(snippet) }.map { $0 + 1 }
    }
}

/// Foundation reports JSON syntax errors as prose; the line is the useful part.
enum JSONLocation {
    static func reason(of error: Error) -> String {
        let nsError = error as NSError
        let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String
        let reason = detail ?? nsError.localizedDescription
        return reason.hasSuffix(".") ? String(reason.dropLast()) : reason
    }

    static func line(of error: Error) -> Int? {
        let text = reason(of: error)
        guard let range = text.range(of: "line ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}
