public import AtriumModel

/// `atrium export backstage PATH`: a `catalog-info.yaml` (a Backstage Component) for a
/// repository that has none, filled in from what was extracted, with a comment naming the
/// line each value was read from. Names, tags and owner references follow Backstage's own
/// validation rules; every string is a double-quoted YAML scalar, escaped (`YAMLText`).
public enum BackstageExport {
    public static func yaml(_ project: Project, links: WebLinks) -> String {
        var out = """
        # catalog-info.yaml for \(comment(project.repository)), filled in by Atrium \(AtriumVersion.current) from the
        # repository's own files. Check each value: the comment beside it says where it was read.
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: \(YAMLText.quoted(entityName(project.slug)))

        """
        out += "  title: \(YAMLText.quoted(project.name.value))\(source(project.name.source))\n"
        if let description = project.description {
            out += "  description: \(YAMLText.quoted(description.value))\(source(description.source))\n"
        }
        let tags = project.topics.compactMap(tag).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !tags.isEmpty {
            out += "  tags:\n" + tags.map { "    - \(YAMLText.quoted($0))\n" }.joined()
        }
        let linked = self.links(project, links: links)
        if !linked.isEmpty {
            out += "  links:\n"
            for link in linked {
                out += "    - url: \(YAMLText.quoted(link.url))\(source(link.source))\n"
                out += "      title: \(YAMLText.quoted(link.title))\n"
                out += "      icon: \(YAMLText.quoted(link.icon))\n"
            }
        }
        if let readiness = project.readiness {
            out += "  annotations:\n"
            out += "    innersource/readiness: \(YAMLText.quoted(readiness.level.rawValue))  # atrium check: \(readiness.score)/100\n"
        }
        out += "spec:\n"
        let (type, reason) = componentType(project)
        out += "  type: \(YAMLText.quoted(type))  # \(reason)\n"
        out += "  lifecycle: \"experimental\"  # not in the repository's files: experimental, production or deprecated\n"
        if let owner = project.owners.first, let reference = ownerReference(owner) {
            out += "  owner: \(YAMLText.quoted(reference))\(source(owner.source)) (\(comment(owner.handle ?? owner.name ?? "")))\n"
        } else {
            out += "  owner: \"unknown\"  # no owner was found: name the owning group, e.g. group:payments-team\n"
        }
        return out
    }

    struct Link {
        var url: String
        var title: String
        var icon: String
        var source: SourceLocation?
    }

    static func links(_ project: Project, links: WebLinks) -> [Link] {
        var found: [Link] = []
        if let guide = project.contributing, let url = links.page(for: guide).flatMap(WebAddress.plainHTTP) {
            found.append(Link(url: url, title: "Contribution guide", icon: "docs", source: SourceLocation(file: guide)))
        }
        for channel in project.channels {
            guard let url = channel.url.flatMap(WebAddress.plainHTTP), !found.contains(where: { $0.url == url }) else { continue }
            let icon = switch channel.kind {
            case .chat: "chat"
            case .mailingList: "email"
            case .forum: "help"
            case .issueTracker: "bug"
            case .other: "web"
            }
            let title = channel.name ?? channel.kind.rawValue.replacingOccurrences(of: "-", with: " ")
            found.append(Link(url: url, title: title.isEmpty ? url : title, icon: icon, source: channel.source))
        }
        return found
    }

    /// Backstage: `[a-z0-9A-Z]` runs joined by single `-`, `_` or `.`, at most 63 characters.
    static func entityName(_ text: String) -> String {
        var name = ""
        for scalar in text.unicodeScalars {
            let isAlphanumeric = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            if isAlphanumeric {
                name.unicodeScalars.append(scalar)
            } else if let last = name.last, !"-_.".contains(last) {
                name += "-"
            }
        }
        while let last = name.last, "-_.".contains(last) { name.removeLast() }
        name = String(name.prefix(63))
        while let last = name.last, "-_.".contains(last) { name.removeLast() }
        return name.isEmpty ? "component" : name
    }

    /// Backstage tags: lower-case `[a-z0-9:+#]` runs joined by single `-`, at most 63 characters.
    static func tag(_ topic: String) -> String? {
        var tag = ""
        for scalar in topic.lowercased().unicodeScalars {
            if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ":+#".unicodeScalars.contains(scalar)) {
                tag.unicodeScalars.append(scalar)
            } else if !tag.isEmpty, !tag.hasSuffix("-") {
                tag += "-"
            }
        }
        while tag.hasSuffix("-") { tag.removeLast() }
        tag = String(tag.prefix(63))
        while tag.hasSuffix("-") { tag.removeLast() }
        return tag.isEmpty ? nil : tag
    }

    /// `@org/team` → `group:team`, `@person` → `user:person`, an email → `user:` its local part.
    static func ownerReference(_ owner: Person) -> String? {
        guard let handle = owner.handle ?? owner.name else { return nil }
        var bare = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
        if let at = bare.firstIndex(of: "@") { bare = String(bare[..<at]) }
        if owner.kind == .team, let slash = bare.lastIndex(of: "/") { bare = String(bare[bare.index(after: slash)...]) }
        let name = entityName(bare)
        return (owner.kind == .team ? "group:" : "user:") + name
    }

    /// Backstage's usual types, from what the project calls itself; `other` when it does not say.
    static func componentType(_ project: Project) -> (String, String) {
        let words = Set(((project.name.value + " " + (project.description?.value ?? "")).lowercased())
            .split(whereSeparator: { !$0.isLetter }).map(String.init))
        let kinds: [(String, Set<String>)] = [
            ("library", ["library", "sdk", "package", "framework", "client"]),
            ("service", ["service", "api", "server", "daemon", "backend"]),
            ("website", ["website", "site", "frontend", "portal", "dashboard", "dashboards"]),
        ]
        for (type, names) in kinds where !words.isDisjoint(with: names) {
            return (type, "from the name and description; check")
        }
        return ("other", "not said in the files: service, website or library")
    }

    private static func source(_ location: SourceLocation?) -> String {
        location.map { "  # \(comment($0.description))" } ?? ""
    }

    /// Text inside a `#` comment: one line.
    private static func comment(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0 == "\u{7F}" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" ? " " : Character($0) })
    }
}

/// YAML text that any YAML 1.1 or 1.2 reader reads back as the same string: a double-quoted
/// scalar with `\` escapes for the quote, the backslash, every control and line-break character.
enum YAMLText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || value == 0xFEFF
                    || value == 0xFFFE || value == 0xFFFF {
                    out += "\\u" + String(repeating: "0", count: 4 - String(value, radix: 16).count) + String(value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
