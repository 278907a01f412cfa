/// Where a repository comes from and how the catalogue links back to it, as configured in
/// `repositories.yml`, a manifest, or found by `--scan`.
public struct RepositorySource: Sendable, Hashable {
    public enum Location: Sendable, Hashable {
        /// A folder on this machine (a checkout or a plain folder of files).
        case folder(String)
        /// A git remote URL (https, ssh, git, file).
        case remote(String)
    }

    /// The repository's name: unique in the catalogue, used for its slug and in every message.
    public var name: String
    public var location: Location
    /// Link template for files, e.g. `https://git.example.com/{name}/blob/{ref}/{path}`.
    public var webTemplate: String?
    /// Template for raw file content (images); the web template is used when absent.
    public var rawTemplate: String?
    public var branch: String?
    public var tags: [String]

    public init(name: String, location: Location, webTemplate: String? = nil,
                rawTemplate: String? = nil, branch: String? = nil, tags: [String] = []) {
        self.name = name
        self.location = location
        self.webTemplate = webTemplate
        self.rawTemplate = rawTemplate
        self.branch = branch
        self.tags = tags
    }
}
