/// The documentation files the catalogue reads, recognised by name and folder.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable {
    case readme
    case contributing
    case codeowners
    case owners
    case ownersAliases
    case maintainers
    case innersourceMetadata
    case backstageCatalog
    case publiccode
    case codeOfConduct
    case security
    case licence

    /// Folders, besides the root, where hosting services look for these files.
    public static let folders = [".github", ".gitlab", "docs"]

    /// Recognises a file by its name (case-insensitive, any common extension) and the folder it
    /// sits in (`""` for the root). Returns nil for files the catalogue does not read.
    public init?(fileName: String, folder: String) {
        let lower = fileName.lowercased()
        let stem = lower.split(separator: ".", maxSplits: 1).first.map(String.init) ?? lower
        let ext = lower.count > stem.count ? String(lower.dropFirst(stem.count + 1)) : ""
        let textual = ["", "md", "markdown", "mdown", "mkd", "rst", "txt", "adoc", "asciidoc"].contains(ext)
        let inRoot = folder.isEmpty
        switch stem {
        case "readme" where textual && (inRoot || folder == ".github" || folder == "docs"):
            self = .readme
        case "contributing" where textual:
            self = .contributing
        case "codeowners" where ext.isEmpty:
            self = .codeowners
        case "owners" where inRoot && (ext.isEmpty || ext == "md"):
            self = .owners
        case "owners_aliases" where inRoot && ext.isEmpty:
            self = .ownersAliases
        case "maintainers" where inRoot && textual:
            self = .maintainers
        case "innersource" where inRoot && ext == "json":
            self = .innersourceMetadata
        case "catalog-info" where inRoot && (ext == "yaml" || ext == "yml"):
            self = .backstageCatalog
        case "publiccode" where inRoot && (ext == "yml" || ext == "yaml"):
            self = .publiccode
        case "code_of_conduct" where textual:
            self = .codeOfConduct
        case "security" where textual:
            self = .security
        case "license", "licence", "copying":
            // A where clause binds only the last pattern of a list, hence the guard.
            guard inRoot && textual else { return nil }
            self = .licence
        default:
            return nil
        }
    }

    public static func isMarkdown(path: String) -> Bool {
        let lower = path.lowercased()
        return [".md", ".markdown", ".mdown", ".mkd"].contains { lower.hasSuffix($0) }
    }
}
