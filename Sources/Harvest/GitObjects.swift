import History

/// Parses what git prints about objects, for both git remotes (the cache's partial clone) and
/// local checkouts: commits from `cat-file --batch`, the head tree from `ls-tree -r -z`.
enum GitObjects {
    /// `cat-file --batch` output: `<oid> <type> <size>\n<contents>\n`, repeated; commits only
    /// (other types and `missing` lines are skipped).
    static func commits(batch output: [UInt8]) -> [HistoryCommit] {
        var commits: [HistoryCommit] = []
        var index = output.startIndex
        while index < output.endIndex, let newline = output[index...].firstIndex(of: 10) {
            let header = output[index..<newline].split(separator: 32)
            index = output.index(after: newline)
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)) else { continue }
            guard size >= 0, index + size <= output.endIndex else { break }
            if header[1].elementsEqual("commit".utf8) {
                commits.append(HistoryCommit(id: String(decoding: header[0], as: UTF8.self), raw: output[index..<(index + size)]))
            }
            index += size + 1
        }
        return commits
    }

    /// `ls-tree -r -z --full-tree` output: `<mode> SP <type> SP <oid> TAB <path> NUL`, repeated;
    /// at most `limit` entries. An entry cut short (output stopped at its limit) is dropped.
    static func treeEntries(lsTree output: [UInt8], limit: Int) -> (entries: [GitCommands.TreeEntry], capped: Bool) {
        var entries: [GitCommands.TreeEntry] = []
        var index = output.startIndex
        while index < output.endIndex, let nul = output[index...].firstIndex(of: 0) {
            let record = output[index..<nul]
            index = nul + 1
            guard let tab = record.firstIndex(of: 9) else { continue }
            let fields = record[..<tab].split(separator: 32)
            guard fields.count == 3 else { continue }
            if entries.count == limit { return (entries, true) }
            entries.append(GitCommands.TreeEntry(mode: String(decoding: fields[0], as: UTF8.self),
                                                 oid: String(decoding: fields[2], as: UTF8.self),
                                                 path: String(decoding: record[(tab + 1)...], as: UTF8.self)))
        }
        return (entries, false)
    }
}

/// Reads a history window with the same commands and parses for a git remote's partial clone
/// and a local checkout: `rev-list` for the commits (the shallow boundary and `--since`
/// respected), one `cat-file --batch` for their contents, `ls-tree -r` for the head's paths.
struct GitHistoryReader {
    /// Runs git (location and hardening already given) with these arguments and standard input;
    /// `maxOutput` caps standard output, and then the output so far is returned, `overflowed`.
    var git: (_ arguments: [String], _ input: [UInt8], _ maxOutput: Int?) throws -> (output: [UInt8], overflowed: Bool)

    /// The commits reachable from `head` (newest `limit`), committed at or after `since` when it
    /// is given; just the head commit when none is.
    func commits(head: String, since: Int?, limit: Int) throws -> (commits: [HistoryCommit], capped: Bool) {
        let window = since.map { ["--since=@\($0)"] } ?? []
        var ids = try revList(["--max-count=\(limit + 1)"] + window + [head, "--"])
        if ids.isEmpty && since != nil { ids = try revList(["--max-count=1", head, "--"]) }
        let capped = ids.count > limit
        ids = Array(ids.prefix(limit))
        guard !ids.isEmpty else { return ([], false) }
        let batch = try git(["cat-file", "--batch"], Array(ids.joined(separator: "\n").utf8) + [10], nil).output
        return (GitObjects.commits(batch: batch), capped)
    }

    private func revList(_ arguments: [String]) throws -> [String] {
        let output = try git(["rev-list"] + arguments, [], nil).output
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Every entry of the head commit's tree, recursively (trees themselves not listed), at most `limit`.
    func tree(head: String, limit: Int) throws -> (entries: [GitCommands.TreeEntry], capped: Bool) {
        // About 100 bytes an entry is plenty; a longer listing is cut, not an error.
        let result = try git(["ls-tree", "-r", "-z", "--full-tree", head], [], max(limit, 1) * 160)
        let parsed = GitObjects.treeEntries(lsTree: result.output, limit: limit)
        return (parsed.entries, parsed.capped || result.overflowed)
    }
}

extension HistoryAnalysis.Input {
    /// The CODEOWNERS GitHub uses among harvested files: `.github/`, then the root, then `docs/`.
    /// `files` are the CODEOWNERS files harvested (any of them).
    static func gitHubCodeOwners(_ files: [RepositoryFileText]) -> (path: String, text: String)? {
        for folder in [".github", "", "docs"] {
            let candidates = files.filter { file in
                let parts = file.path.split(separator: "/")
                guard parts.last == "CODEOWNERS" else { return false }  // GitHub reads this name only
                return folder.isEmpty ? parts.count == 1 : parts.count == 2 && parts[0] == folder
            }
            if let file = candidates.min(by: { $0.path < $1.path }) { return (file.path, file.text) }
        }
        return nil
    }
}

/// A harvested file's path and text, however it was read.
struct RepositoryFileText {
    var path: String
    var text: String
}
