import AtriumModel
public import Yams

/// A YAML file that is not what it should be: where, and why.
struct YAMLProblem: Error {
    var file: String
    var line: Int?
    var message: String
}

/// YAML from repositories is untrusted: anchors and aliases are refused (an "alias bomb" expands
/// a few lines into billions of nodes in any code that walks the tree), and so is nesting deeper
/// than any real metadata file needs.
enum SafeYAML {
    static let maxDepth = 32
    static let maxNodes = 100_000

    static func load(_ text: String, file: String) throws -> Node? {
        try loadAll(text, file: file).first
    }

    static func loadAll(_ text: String, file: String) throws -> [Node] {
        var documents: [Node] = []
        let text = lineFeedBreaksOnly(text)
        do {
            // Anchors are held weakly by the nodes and strongly by the parser: check each
            // document while the parser that made it is alive, or anchors read as absent.
            let parser = try Parser(yaml: text)
            var budget = maxNodes
            while let document = try parser.nextRoot() {
                try check(document, file: file, depth: 0, budget: &budget)
                documents.append(document)
            }
            withExtendedLifetime(parser) {}
        } catch let error as YamlError {
            throw YAMLProblem(file: file, line: error.mark?.line, message: "invalid YAML: \(error.summary)")
        }
        return documents
    }

    /// YAML also breaks lines at a lone carriage return and at NEL, LS and PS; the catalogue
    /// (and every editor's line numbers) counts line feeds. Those other breaks become spaces,
    /// so that a node's line is the file's line (found by fuzzing: a front matter title full of
    /// `\r` put the facts after it a dozen lines past the end of the file).
    static func lineFeedBreaksOnly(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(13) || utf8.contains(0x85) || utf8.contains(0xA8) || utf8.contains(0xA9) else { return text }
        var scalars = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if previous == "\r" && scalar != "\n" { scalars.removeLast(); scalars.append(" ") }
            scalars.append(["\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) ? " " : scalar)
            previous = scalar
        }
        if previous == "\r" { scalars.removeLast(); scalars.append(" ") }
        return String(scalars)
    }

    private static func check(_ node: Node, file: String, depth: Int, budget: inout Int) throws {
        guard depth <= maxDepth else {
            throw YAMLProblem(file: file, line: node.mark?.line, message: "nested more than \(maxDepth) levels deep; refused")
        }
        if node.anchor != nil || node.isAlias {
            throw YAMLProblem(file: file, line: node.mark?.line, message: "uses YAML anchors and aliases; refused")
        }
        budget -= 1
        guard budget > 0 else {
            throw YAMLProblem(file: file, line: node.mark?.line, message: "more than \(maxNodes) values; refused")
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                try check(key, file: file, depth: depth + 1, budget: &budget)
                try check(value, file: file, depth: depth + 1, budget: &budget)
            }
        case .sequence(let sequence):
            for item in sequence { try check(item, file: file, depth: depth + 1, budget: &budget) }
        case .scalar, .alias:
            break
        }
    }
}

extension Node {
    fileprivate var isAlias: Bool {
        if case .alias = self { return true }
        return false
    }
}

extension YamlError {
    /// Where in the text the error is: Yams keeps it in the case's associated values.
    public var mark: Mark? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark
        default:
            return nil
        }
    }

    /// The problem without Yams' echo of the offending text.
    var summary: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context?.description, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return "\(self)"
        }
    }
}
