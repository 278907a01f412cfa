import AtriumModel

/// What an unfilled template says where a real answer belongs: `@GitHubUsername`,
/// `@your-org/your-team`, `<team>`, "Jane Doe", `you@example.com`, `#your-channel`. Such a value
/// names nobody and nowhere; the readiness report says the template was not filled in.
enum Placeholder {
    private static let handles: Set<String> = [
        "username", "user", "githubusername", "github-username", "github_username", "yourusername", "your-username",
        "your-github-username", "owner", "owners", "team", "org/team", "org/team-name", "organization/team",
        "organization/team-name", "org-name/team-name", "orgname/teamname", "todo", "tbd", "xxx", "someone", "somebody",
        "name", "handle", "maintainer", "example", "octocat", "changeme",
    ]
    private static let names: Set<String> = [
        "jane doe", "john doe", "max mustermann", "erika mustermann", "firstname lastname", "first last", "your name",
        "full name", "name surname", "john smith", "jane smith",
    ]

    /// Words that templates number to stand for people: "Maintainer 1", `@user2`, `owner_3`.
    private static let numberedRoles: Set<String> = [
        "maintainer", "owner", "user", "member", "person", "contributor", "committer", "reviewer", "approver", "name",
        "developer", "admin",
    ]

    /// `maintainer1`, `Maintainer 2`, `user_3`: a role word and a number, nobody's real name.
    static func isNumberedRole(_ text: String) -> Bool {
        let lower = text.lowercased()
        let word = lower.prefix { $0.isLetter }
        let rest = lower.dropFirst(word.count).drop { $0 == " " || $0 == "-" || $0 == "_" }
        return !rest.isEmpty && rest.allSatisfy(\.isNumber) && numberedRoles.contains(String(word))
    }

    static func isPlaceholder(_ person: Person) -> Bool {
        if let handle = person.handle, isPlaceholder(handle: handle) { return true }
        if let name = person.name, isNumberedRole(name.trimmingCharacters(in: " .")) { return true }
        if person.handle == nil, let name = person.name, names.contains(name.lowercased().trimmingCharacters(in: " .")) {
            return true
        }
        return false
    }

    static func isPlaceholder(handle: String) -> Bool {
        let lower = handle.lowercased().trimmingCharacters(in: " `*")
        let bare = lower.hasPrefix("@") ? String(lower.dropFirst()) : lower
        if bare.isEmpty || bare.contains(where: { "<>{}[]".contains($0) }) { return true }
        if handles.contains(bare) || isNumberedRole(bare) || bare.hasPrefix("your-") || bare.hasPrefix("your_") || bare.hasPrefix("my-org/")
            || bare.split(separator: "/").contains(where: { $0.hasPrefix("your-") || $0.hasPrefix("your_") || $0 == "your" }) {
            return true
        }
        if bare.includes("@") { return Channels.isPlaceholderOrRobot(bare) || bare.hasPrefix("you@") || bare.hasPrefix("your.name@") }
        return false
    }

    static func isPlaceholder(_ channel: Channel) -> Bool {
        if let name = channel.name {
            let lower = name.lowercased()
            if lower.contains(where: { "<>{}".contains($0) }) || lower.hasPrefix("#your-") || lower.hasPrefix("#your_")
                || ["#channel", "#channel-name", "#team-channel", "#your-channel", "#slack-channel"].contains(lower) {
                return true
            }
            if lower.includes("@"), Channels.isPlaceholderOrRobot(lower) { return true }
        }
        if let url = channel.url?.lowercased(), url.contains(where: { "<>{}".contains($0) }) { return true }
        return false
    }
}
