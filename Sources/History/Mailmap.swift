/// A `.mailmap` (gitmailmap(5)): the canonical name and email of commit identities.
///
/// Line forms, as git reads them (`#` starts a comment at the start of a line or after the
/// emails; emails and names compare without case; a later line for the same key wins):
/// - `Proper Name <commit@email>`: the name for that email
/// - `<proper@email> <commit@email>`: the email for that email
/// - `Proper Name <proper@email> <commit@email>`: both, for that email
/// - `Proper Name <proper@email> Commit Name <commit@email>`: both, for that name and email
///
/// The file is a stranger's: at most ``byteLimit`` bytes and ``lineLimit`` lines are read, and a
/// malformed line (no `<…>`, unclosed brackets) is skipped.
public struct Mailmap: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var properName: String?
        public var properEmail: String?
        /// Lowercased.
        public var commitEmail: String
        /// Lowercased and whitespace-normalised; nil when the line matches any name.
        public var commitName: String?
    }

    public static let byteLimit = 256 << 10
    public static let lineLimit = 10_000

    /// In file order.
    public private(set) var entries: [Entry] = []
    private var byEmail: [String: [Int]] = [:]

    public init(_ text: String) {
        for line in text.utf8.prefix(Self.byteLimit).split(separator: 10, omittingEmptySubsequences: true).prefix(Self.lineLimit) {
            let line = String(decoding: line, as: UTF8.self)
            if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") { continue }
            guard let entry = Self.parse(line) else { continue }
            byEmail[entry.commitEmail, default: []].append(entries.count)
            entries.append(entry)
        }
    }

    /// `Name <email>` pairs of a line: the name before each `<…>` (possibly empty), and the email.
    static func parse(_ line: String) -> Entry? {
        var pairs: [(name: String, email: String)] = []
        var rest = line[...]
        while pairs.count < 2, let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let name = rest[..<open].trimming(" \t\r")
            if name.hasPrefix("#") { break }
            let email = rest[rest.index(after: open)..<close].trimming(" \t\r")
            pairs.append((String(name.prefix(HistoryCommit.identityLimit)), String(email.prefix(HistoryCommit.identityLimit))))
            rest = rest[rest.index(after: close)...]
        }
        switch pairs.count {
        case 1:
            guard !pairs[0].email.isEmpty, !pairs[0].name.isEmpty else { return nil }
            return Entry(properName: pairs[0].name, properEmail: nil, commitEmail: pairs[0].email.lowercased(), commitName: nil)
        case 2:
            guard !pairs[1].email.isEmpty else { return nil }
            return Entry(properName: pairs[0].name.isEmpty ? nil : pairs[0].name,
                         properEmail: pairs[0].email.isEmpty ? nil : pairs[0].email,
                         commitEmail: pairs[1].email.lowercased(),
                         commitName: pairs[1].name.isEmpty ? nil : Mailmap.normalised(pairs[1].name))
        default:
            return nil
        }
    }

    /// The canonical name and email (lowercased) of a commit identity.
    public func canonical(name: String, email: String) -> (name: String, email: String) {
        let key = email.lowercased()
        guard let indices = byEmail[key] else { return (name, key) }
        let normalisedName = Mailmap.normalised(name)
        var properName: String?
        var properEmail: String?
        // As git: a line for the commit name and email wins over those for the email alone
        // (and then only it applies); among lines for the same key, later ones win.
        let named = indices.filter { entries[$0].commitName == normalisedName }
        for index in named.isEmpty ? indices.filter({ entries[$0].commitName == nil }) : named {
            properName = entries[index].properName ?? properName
            properEmail = entries[index].properEmail ?? properEmail
        }
        return (properName ?? name, (properEmail ?? key).lowercased())
    }

    /// Lowercased, runs of whitespace made one space, trimmed.
    public static func normalised(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).joined(separator: " ")
    }
}
