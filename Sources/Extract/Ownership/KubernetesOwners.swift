import AtriumModel
import Yams

/// Kubernetes-style `OWNERS` (approvers, reviewers) with `OWNERS_ALIASES` expanded.
struct KubernetesOwners {
    struct Entry {
        var handle: String
        var source: SourceLocation
    }

    var approvers: [Entry] = []
    var reviewers: [Entry] = []

    /// - Throws: `YAMLProblem` when a file is not YAML of the expected shape.
    init(owners: RepositoryFile, aliases: RepositoryFile?) throws {
        let aliasMembers = try aliases.map(Self.aliases) ?? [:]
        let root = try SafeYAML.load(owners.text, file: owners.path)
        guard case .mapping? = root else { return }
        // `filters` maps path patterns to their own lists; `.*` covers the whole repository.
        var scopes = [root!]
        if let filters = root?["filters"], case .mapping(let mapping) = filters {
            scopes += mapping.filter { $0.key.string == ".*" }.map(\.value)
        }
        for scope in scopes {
            // `assignees` is the older name of `approvers`.
            for key in ["approvers", "assignees"] {
                approvers += Self.entries(scope[key], file: owners.path, aliases: aliasMembers)
            }
            reviewers += Self.entries(scope["reviewers"], file: owners.path, aliases: aliasMembers)
        }
    }

    private static func entries(_ node: Node?, file: String, aliases: [String: [Entry]]) -> [Entry] {
        guard case .sequence(let items)? = node else { return [] }
        return items.flatMap { item -> [Entry] in
            guard let handle = item.string, !handle.isEmpty else { return [] }
            if let members = aliases[handle.lowercased()] { return members }
            return [Entry(handle: handle, source: SourceLocation(file: file, line: item.mark.map { $0.line }))]
        }
    }

    private static func aliases(_ file: RepositoryFile) throws -> [String: [Entry]] {
        guard let root = try SafeYAML.load(file.text, file: file.path),
              case .mapping(let aliases)? = root["aliases"] else { return [:] }
        var result: [String: [Entry]] = [:]
        for (key, value) in aliases {
            guard let name = key.string else { continue }
            // An alias whose members are all commented out is empty: it names nobody, and is
            // no person either.
            guard case .sequence(let members) = value else {
                result[name.lowercased()] = []
                continue
            }
            result[name.lowercased()] = members.compactMap { member in
                member.string.map { Entry(handle: $0, source: SourceLocation(file: file.path, line: member.mark.map { $0.line })) }
            }
        }
        return result
    }
}
