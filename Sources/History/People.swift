public import AtriumModel

/// Human commit authors, grouped by canonical email after `.mailmap`.
public enum AuthorIndex {
    /// At most this many authors are kept (the most recent), and this many names and emails each.
    public static let authorLimit = 10_000
    public static let aliasLimit = 32

    public static func build(_ commits: [HistoryCommit], mailmap: Mailmap) -> [RepositoryHistory.Author] {
        struct Building {
            var emails: Set<String> = []
            var names: Set<String> = []
            var lastCommit = Int.min
            var commits = 0
        }
        var byEmail: [String: Building] = [:]
        for commit in commits {
            let canonical = mailmap.canonical(name: commit.authorName, email: commit.authorEmail)
            var author = byEmail[canonical.email, default: Building()]
            author.emails.insert(commit.authorEmail)
            author.emails.insert(canonical.email)
            if !commit.authorName.isEmpty { author.names.insert(commit.authorName) }
            if !canonical.name.isEmpty { author.names.insert(canonical.name) }
            author.lastCommit = max(author.lastCommit, commit.committerTime)
            author.commits += 1
            byEmail[canonical.email] = author
        }
        // The .mailmap's other emails for the same person are theirs too.
        for entry in mailmap.entries {
            let target = (entry.properEmail ?? entry.commitEmail).lowercased()
            guard byEmail[target] != nil else { continue }
            byEmail[target]!.emails.insert(entry.commitEmail)
            if let name = entry.properName { byEmail[target]!.names.insert(name) }
        }
        let authors = byEmail.map { email, author in
            let emails = author.emails.filter { !$0.isEmpty }.sorted().prefix(aliasLimit)
            return RepositoryHistory.Author(
                email: email, emails: Array(emails), names: Array(author.names.sorted().prefix(aliasLimit)),
                handles: Set(emails.compactMap(gitHubHandle)).sorted(), lastCommit: author.lastCommit, commits: author.commits)
        }
        let kept = authors.sorted { ($0.lastCommit, $1.email) > ($1.lastCommit, $0.email) }.prefix(authorLimit)
        return kept.sorted { $0.email < $1.email }
    }

    /// `12345+handle@users.noreply.github.com` or `handle@users.noreply.github.com`: the handle, lowercased.
    public static func gitHubHandle(_ email: String) -> String? {
        let email = email.lowercased()
        guard email.hasSuffix("@users.noreply.github.com") else { return nil }
        var local = email.dropLast("@users.noreply.github.com".count)
        if let plus = local.firstIndex(of: "+"), local[..<plus].allSatisfy(\.isASCIIDigit) {
            local = local[local.index(after: plus)...]
        }
        guard !local.isEmpty, local.count <= 39,
              local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        return String(local)
    }
}

public enum History {
    /// The declared people (`@handle`, an email, a name, or `Name <email>`), in the order
    /// declared, duplicates once, each with what the history says: `active` with a human
    /// commit within `activeDays` before `now`, `inactive` with commits but none as recent,
    /// `unknown` when not found among `authors`. Teams (`@org/team`, anything with `/`) are
    /// not people and are left out.
    ///
    /// A handle matches GitHub noreply emails (`12345+alice@…`, `alice@users.noreply.github.com`);
    /// an email matches any email of an author (after `.mailmap`, so an old address mapped to a
    /// new one finds the person); a name matches any name of an author, without case, whitespace
    /// normalised. When several authors match, the newest commit counts.
    public static func people(declared: [String], authors: [RepositoryHistory.Author], now: Int,
                              activeDays: Int = 180) -> [RepositoryHistory.Person] {
        var seen: Set<String> = []
        var people: [RepositoryHistory.Person] = []
        for raw in declared.prefix(10_000) {
            let declaration = String(raw.prefix(HistoryCommit.identityLimit)).trimming(" \t\r\n")
            guard !declaration.isEmpty, !declaration.contains("/"), seen.insert(Mailmap.normalised(declaration)).inserted else { continue }
            let matching = authors.filter { matches(declaration, $0) }
            let last = matching.map(\.lastCommit).max()
            let status: RepositoryHistory.Person.Status = last.map { $0 >= now - activeDays * 86_400 ? .active : .inactive } ?? .unknown
            people.append(RepositoryHistory.Person(handle: declaration, status: status, lastCommit: last))
        }
        return people
    }

    static func matches(_ declaration: String, _ author: RepositoryHistory.Author) -> Bool {
        if declaration.hasPrefix("@") {
            let handle = declaration.dropFirst().lowercased()
            return !handle.isEmpty && author.handles.contains(handle)
        }
        if let open = declaration.lastIndex(of: "<"), let close = declaration.lastIndex(of: ">"), open < close {
            let email = declaration[declaration.index(after: open)..<close].trimming(" ").lowercased()
            let name = String(declaration[..<open])
            return author.emails.contains(email) || (!Mailmap.normalised(name).isEmpty && matches(name, author))
        }
        if declaration.contains("@") && !declaration.contains(" ") {
            return author.emails.contains(declaration.lowercased())
        }
        let name = Mailmap.normalised(declaration)
        return author.names.contains { Mailmap.normalised($0) == name }
    }
}
