import AtriumModel
import Foundation
import Yams

/// Facts the owners wrote down on purpose: `innersource.json` (the SAP InnerSource portal
/// format) and Backstage's `catalog-info.yaml`. They win over what prose suggests.
struct Metadata {
    var name: Fact<String>?
    var description: Fact<String>?
    var topics: [String] = []

    static func read(_ snapshot: RepositorySnapshot, diagnostics: inout [Diagnostic]) -> Metadata {
        var metadata = Metadata()
        if let file = snapshot.file(.backstageCatalog) {
            metadata.readBackstage(file, repository: snapshot.name, diagnostics: &diagnostics)
        }
        if let file = snapshot.file(.innersourceMetadata) {
            metadata.readInnerSource(file, repository: snapshot.name, diagnostics: &diagnostics)
        }
        return metadata
    }

    private mutating func readInnerSource(_ file: RepositoryFile, repository: String,
                                          diagnostics: inout [Diagnostic]) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(file.text.utf8))
        } catch {
            diagnostics.append(.error(repository: repository, file: file.path,
                                      line: JSONLocation.line(of: error),
                                      "invalid JSON: \(JSONLocation.reason(of: error)); its facts are ignored"))
            return
        }
        guard let fields = object as? [String: Any] else {
            diagnostics.append(.error(repository: repository, file: file.path, line: 1,
                                      "expected a JSON object; its facts are ignored"))
            return
        }
        let lines = LineFinder(file.text)
        if let title = (fields["title"] as? String).flatMap(nonEmpty) {
            name = Fact(title, source: .init(file: file.path, line: lines.line(containingKey: "title")))
        }
        if let skills = fields["skills"] as? [Any] {
            topics += skills.compactMap { $0 as? String }.compactMap(nonEmpty)
        }
    }

    private mutating func readBackstage(_ file: RepositoryFile, repository: String,
                                        diagnostics: inout [Diagnostic]) {
        let documents: [Node]
        do {
            documents = try Array(Yams.compose_all(yaml: file.text))
        } catch {
            let line = (error as? YamlError).flatMap(\.line)
            diagnostics.append(.error(repository: repository, file: file.path, line: line,
                                      "invalid YAML: \(error); its facts are ignored"))
            return
        }
        // The Component describes the repository; other kinds (Group, System) describe
        // neighbours.
        guard let component = documents.first(where: { $0["kind"]?.string == "Component" })
                ?? documents.first(where: { $0["metadata"] != nil }),
              let meta = component["metadata"] else { return }
        if let title = (meta["title"]?.string).flatMap(nonEmpty), let node = meta["title"] {
            name = Fact(title, source: .init(file: file.path, line: node.mark.map { $0.line }))
        }
        if let text = (meta["description"]?.string).flatMap(nonEmpty), let node = meta["description"] {
            let line = text.split(separator: "\n").first.map(String.init) ?? text
            description = Fact(line, source: .init(file: file.path, line: node.mark.map { $0.line }))
        }
        if case .sequence(let tags)? = meta["tags"] {
            topics += tags.compactMap(\.string).compactMap(nonEmpty)
        }
    }
}

private func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }
}

/// Where a key sits in a JSON text: good enough to point a person at the right line.
struct LineFinder {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func line(containingKey key: String) -> Int? {
        lines.firstIndex { $0.contains("\"\(key)\"") }.map { $0 + 1 }
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
