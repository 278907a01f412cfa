/// The commits and trees of a blob-less clone, read in one `git cat-file --batch-all-objects
/// --batch` (only local objects, so nothing is fetched lazily): the documentation files of the
/// harvested commit and the recent history, without `ls-tree` and `log` processes.
struct GitObjects {
    struct Commit {
        var tree: String
        var parents: [String]
        var authorEmail: String
        var committerTime: Int
    }

    private(set) var commits: [String: Commit] = [:]
    private(set) var trees: [String: [GitCommands.TreeEntry]] = [:]

    /// Parses `cat-file --batch` output: `<oid> <type> <size>\n<contents>\n`, repeated.
    init(batch output: [UInt8], hashLength: Int = 20) {
        var index = output.startIndex
        while index < output.endIndex, let newline = output[index...].firstIndex(of: 10) {
            let header = output[index..<newline].split(separator: 32)
            index = output.index(after: newline)
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)),
                  index + size <= output.endIndex else { break }
            let oid = String(decoding: header[0], as: UTF8.self)
            let body = output[index..<(index + size)]
            switch String(decoding: header[1], as: UTF8.self) {
            case "commit": commits[oid] = Self.commit(body)
            case "tree": trees[oid] = Self.tree(body, hashLength: hashLength)
            default: break
            }
            index += size + 1
        }
    }

    /// The entries of the tree at `path` (`""` for the root) of a commit's tree, if present.
    func entries(of rootTree: String, folder: String) -> [GitCommands.TreeEntry]? {
        guard let root = trees[rootTree] else { return nil }
        if folder.isEmpty { return root }
        guard let entry = root.first(where: { $0.path == folder && $0.mode == "40000" }) else { return nil }
        return trees[entry.oid]?.map { GitCommands.TreeEntry(mode: $0.mode, oid: $0.oid, path: folder + "/" + $0.path) }
    }

    /// Commits reachable from `head` among those fetched, newest first.
    func history(from head: String) -> [GitCommands.Commit] {
        var seen: Set<String> = [head]
        var queue = [head]
        var result: [GitCommands.Commit] = []
        while let oid = queue.popLast() {
            guard let commit = commits[oid] else { continue }  // beyond the shallow boundary
            result.append(GitCommands.Commit(commit: oid, time: commit.committerTime, author: commit.authorEmail))
            for parent in commit.parents where seen.insert(parent).inserted { queue.append(parent) }
        }
        return result.sorted { ($0.time, $0.commit) > ($1.time, $1.commit) }
    }

    private static func commit(_ body: ArraySlice<UInt8>) -> Commit {
        var commit = Commit(tree: "", parents: [], authorEmail: "", committerTime: 0)
        for line in body.split(separator: 10, omittingEmptySubsequences: false) {
            if line.isEmpty { break }  // the message follows
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("tree ") {
                commit.tree = String(text.dropFirst(5))
            } else if text.hasPrefix("parent ") {
                commit.parents.append(String(text.dropFirst(7)))
            } else if text.hasPrefix("author "), let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">") {
                commit.authorEmail = String(text[text.index(after: open)..<close]).lowercased()
            } else if text.hasPrefix("committer "), let close = text.lastIndex(of: ">") {
                let fields = text[text.index(after: close)...].split(separator: " ")
                commit.committerTime = fields.first.flatMap { Int($0) } ?? 0
            }
        }
        return commit
    }

    /// Tree entries: `<mode> <name>\0<binary id>`.
    private static func tree(_ body: ArraySlice<UInt8>, hashLength: Int) -> [GitCommands.TreeEntry] {
        var entries: [GitCommands.TreeEntry] = []
        var index = body.startIndex
        while index < body.endIndex, let space = body[index...].firstIndex(of: 32),
              let nul = body[space...].firstIndex(of: 0), nul + hashLength < body.endIndex + 1 {
            let mode = String(decoding: body[index..<space], as: UTF8.self)
            let name = String(decoding: body[(space + 1)..<nul], as: UTF8.self)
            let hash = body[(nul + 1)..<min(nul + 1 + hashLength, body.endIndex)]
            let oid = hash.map { byte in
                let digits = Array("0123456789abcdef".utf8)
                return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
            }.joined()
            entries.append(GitCommands.TreeEntry(mode: mode, oid: oid, path: name))
            index = nul + 1 + hashLength
        }
        return entries
    }
}
