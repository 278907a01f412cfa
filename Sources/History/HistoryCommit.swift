/// One commit as the history analysis reads it: parsed from a raw commit object (the same
/// parse for git remotes and local checkouts), with strangers' text capped.
public struct HistoryCommit: Sendable, Hashable {
    public var id: String
    public var parents: [String]
    public var authorName: String
    /// Lowercased.
    public var authorEmail: String
    /// Seconds since 1970.
    public var authorTime: Int
    public var committerTime: Int
    /// The message's first line, at most ``subjectLimit`` characters.
    public var subject: String
    /// The message after the subject line, at most ``bodyLimit`` bytes read.
    public var body: String

    public static let subjectLimit = 1000
    public static let bodyLimit = 16 << 10
    /// Names and emails longer than this are cut.
    public static let identityLimit = 256

    public init(id: String, parents: [String], authorName: String, authorEmail: String, authorTime: Int, committerTime: Int,
                subject: String, body: String = "") {
        self.id = id
        self.parents = parents
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorTime = authorTime
        self.committerTime = committerTime
        self.subject = subject
        self.body = body
    }

    /// Parses a raw commit object (`tree …`, `parent …`, `author Name <email> 1700000000 +0000`,
    /// `committer …`, other headers, a blank line, the message). Malformed headers leave the
    /// field empty or zero; nothing here fails.
    public init(id: String, raw: some Collection<UInt8>) {
        self.init(id: id, parents: [], authorName: "", authorEmail: "", authorTime: 0, committerTime: 0, subject: "")
        var lines = raw.split(separator: 10, maxSplits: Int.max, omittingEmptySubsequences: false)[...]
        while let line = lines.first {
            lines = lines.dropFirst()
            if line.isEmpty { break }  // the message follows
            if line.first == 32 { continue }  // a continued header (gpgsig, mergetag)
            let text = String(decoding: line.prefix(4096), as: UTF8.self)
            if text.hasPrefix("parent ") {
                if parents.count < 64 { parents.append(String(text.dropFirst(7).prefix(64))) }
            } else if text.hasPrefix("author ") {
                (authorName, authorEmail, authorTime) = Self.identity(text.dropFirst(7))
            } else if text.hasPrefix("committer ") {
                committerTime = Self.identity(text.dropFirst(10)).time
            }
        }
        // The message: what is left, capped.
        var message: [UInt8] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { message.append(10) }
            message += line.prefix(max(0, Self.bodyLimit + 1024 - message.count))
            if message.count >= Self.bodyLimit + 1024 { break }
        }
        let text = String(decoding: message, as: UTF8.self)
        let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        subject = String((firstLine.first ?? "").trimming(" \t\r").prefix(Self.subjectLimit))
        body = firstLine.count > 1 ? String(decoding: Array(firstLine[1].utf8.prefix(Self.bodyLimit)), as: UTF8.self) : ""
    }

    /// `Name <email> 1700000000 +0000`: the name, the lowercased email, the time.
    static func identity(_ text: Substring) -> (name: String, email: String, time: Int) {
        guard let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") else {
            return (String(text.prefix(identityLimit)).trimming(" "), "", 0)
        }
        let name = String(text[..<open]).trimming(" ")
        let email = String(text[text.index(after: open)..<close]).trimming(" ").lowercased()
        let time = text[text.index(after: close)...].split(separator: " ").first.flatMap { Int($0) } ?? 0
        return (String(name.prefix(identityLimit)), String(email.prefix(identityLimit)), time)
    }
}

extension StringProtocol {
    func trimming(_ characters: String) -> String {
        let set = Set(characters)
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
