import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The git command lines of a harvest, hardened: no prompts, no hooks, no submodules, only
/// the network protocols a catalogue needs, and one deadline for all of them.
struct GitCommands {
    struct TreeEntry {
        var mode: String
        var oid: String
        var path: String
    }

    let settings: GitHarvester.Settings
    let url: String
    /// The bare, partial repository in the cache that fetches go into.
    let directory: String
    let deadline: ContinuousClock.Instant

    static let harvestRef = "refs/atrium/head"

    /// `-c` options for every command.
    private static let hardening = [
        "-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.http.allow=always",
        "-c", "protocol.ssh.allow=always", "-c", "protocol.git.allow=always", "-c", "protocol.file.allow=always",
        "-c", "core.hooksPath=/dev/null", "-c", "core.askPass=", "-c", "credential.interactive=false",
        "-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=30", "-c", "submodule.recurse=false",
        "-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", "fetch.writeCommitGraph=false",
        // Keep what a fetch receives as one pack, not hundreds of loose object files.
        "-c", "transfer.unpackLimit=1",
    ]

    private var runner: ProcessRunner {
        var environment = ["PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0",
                           "GIT_ASKPASS": "/bin/false", "SSH_ASKPASS": "/bin/false",
                           "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=15 -o ServerAliveInterval=15"]
        // Keep what reaches the network the user's way: their ssh keys, credential helpers, proxies.
        let inherited = ProcessInfo.processInfo.environment
        for key in ["HOME", "SSH_AUTH_SOCK", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY",
                    "no_proxy", "GIT_SSH_COMMAND", "GIT_CONFIG_GLOBAL", "XDG_CONFIG_HOME"] {
            if let value = inherited[key] { environment[key] = value }
        }
        return ProcessRunner(executable: settings.gitExecutable, environment: environment)
    }

    @discardableResult
    private func git(_ arguments: [String], input: [UInt8] = [], inRepository: Bool = true,
                     watch: (@Sendable () -> Bool)? = nil) throws -> [UInt8] {
        try git(arguments, input: input, inRepository: inRepository, watch: watch, maxOutput: nil).output
    }

    /// `maxOutput` caps standard output: then the program is stopped and what it wrote so far
    /// is returned, `overflowed`.
    private func git(_ arguments: [String], input: [UInt8] = [], inRepository: Bool = true,
                     watch: (@Sendable () -> Bool)? = nil, maxOutput: Int?) throws -> (output: [UInt8], overflowed: Bool) {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else {
            throw GitFailure(message: "no answer within \(Int(settings.deadline.components.seconds)) s (timed out)", isTimeout: true)
        }
        let location = inRepository ? ["--git-dir", directory] : []
        var runner = self.runner
        if let maxOutput { runner.maxOutputBytes = maxOutput }
        let output = try runner.run(location + Self.hardening + arguments, input: input, deadline: remaining, watch: watch)
        if output.stopped { throw Stopped() }
        return try Self.result(of: output, capped: maxOutput != nil,
                               timeout: "no answer within \(Int(settings.deadline.components.seconds)) s (timed out)")
    }

    /// What a git process came to, for every caller: its output (cut at the cap, when one was
    /// asked for), or a failure in a user's words.
    static func result(of output: ProcessRunner.Output, capped: Bool, timeout: String) throws -> (output: [UInt8], overflowed: Bool) {
        if output.overflowed && capped { return (output.standardOutput, true) }
        if output.timedOut { throw GitFailure(message: timeout, isTimeout: true) }
        guard output.status == 0 else { throw GitFailure(message: explain(output.standardError)) }
        return (output.standardOutput, false)
    }

    // MARK: - Steps

    /// The commit `ref` points at on the remote (`ls-remote`).
    func remoteCommit(ref: String) throws -> String {
        let output = String(decoding: try git(["ls-remote", url, ref], inRepository: false), as: UTF8.self)
        guard let line = output.split(separator: "\n").first(where: { $0.hasSuffix("\t" + ref) }),
              let commit = line.split(separator: "\t").first else {
            throw GitFailure(message: ref == "HEAD" ? "the repository is empty (no commits)"
                                                    : "branch \(ref.dropFirst("refs/heads/".count)) not found on the remote")
        }
        return String(commit)
    }

    /// A bare repository set up as a partial clone of `url`, written directly: `git init` and
    /// four `git config` calls would be five processes per repository.
    func prepareRepository() throws {
        let manager = FileManager.default
        for folder in ["objects/info", "objects/pack", "refs/heads", "refs/tags"] {
            try manager.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
        if !manager.fileExists(atPath: directory + "/HEAD") {
            try "ref: refs/heads/main\n".write(toFile: directory + "/HEAD", atomically: true, encoding: .utf8)
        }
        let quoted = url.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let config = """
            [core]
            \trepositoryformatversion = 1
            \tbare = true
            [remote "origin"]
            \turl = "\(quoted)"
            \tpromisor = true
            \tpartialclonefilter = blob:none
            [extensions]
            \tpartialClone = origin

            """
        try config.write(toFile: directory + "/config", atomically: true, encoding: .utf8)
    }

    /// Commits and their trees (no file contents) committed since `since` (seconds since
    /// 1970): `--shallow-since`, which the server resolves by committer time, making the
    /// oldest commits it sends the shallow boundary (recorded in `shallow`; a later fetch
    /// moves it, both deeper and shallower). When no commit is that recent, the server refuses
    /// ("no commits selected for shallow requests"): then the head commit alone (`--depth=1`),
    /// so that there is always one. Objects from earlier fetches stay in the packs, so the
    /// history is read by walking from the head (`rev-list`, which stops at the boundary).
    /// - Returns: false when the window held no commit and only the head was fetched.
    @discardableResult
    func fetchHistory(ref: String, since: Int) throws -> Bool {
        let common = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none"]
        do {
            try git(common + ["--shallow-since=@\(since)", "origin", "+\(ref):\(Self.harvestRef)"])
            return true
        } catch let failure as GitFailure where !failure.isTimeout {
            // Whatever the reason (a server without deepen-since too), one commit is enough;
            // if that fails as well, its failure is the one to report. Out of time is out of time.
            try git(common + ["--depth=1", "origin", "+\(ref):\(Self.harvestRef)"])
            return false
        }
    }

    /// The harvested commit's id.
    func head() throws -> String {
        try String(contentsOfFile: directory + "/" + Self.harvestRef, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The history reader over the cache's clone.
    var history: GitHistoryReader {
        GitHistoryReader { arguments, input, maxOutput in
            try git(arguments, input: input, maxOutput: maxOutput)
        }
    }

    /// A fetch that was stopped by its watcher.
    struct Stopped: Error {}

    /// What a bounded blob fetch came to.
    enum BlobFetch: Equatable {
        case complete
        /// More than the budget arrived before every blob had: at least one is too large.
        /// The partial pack is deleted.
        case overBudget(receivedBytes: Int)
    }

    /// One fetch for all the blobs, as git does for missing promisor objects, stopped as soon
    /// as more than `budget` bytes of pack have arrived. A blob's size is not known before it
    /// is fetched, and a server sends a blob that is asked for by id whatever `--filter` says
    /// (filters apply to what a walk finds, not to what is wanted), so the limit is enforced
    /// on the bytes received: a pack is compressed, so a blob whose pack data exceeds the
    /// budget is certainly over the size limit, and no more than the budget crosses the wire.
    func fetchBlobs(_ oids: [String], budget: Int) throws -> BlobFetch {
        let received = PackReception(directory: directory + "/objects/pack")
        received.clear()
        do {
            try git(["-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
                     "--recurse-submodules=no", "--filter=blob:none", "--stdin", "origin"],
                    input: Array(oids.joined(separator: "\n").utf8) + [10],
                    watch: { received.bytes() > budget })
            return .complete
        } catch is Stopped {
            let bytes = received.bytes()
            received.clear()
            return .overBudget(receivedBytes: bytes)
        }
    }

    func readBlobs(_ oids: [String]) throws -> [String: [UInt8]] {
        let output = try git(["cat-file", "--batch"], input: Array(oids.joined(separator: "\n").utf8) + [10])
        var blobs: [String: [UInt8]] = [:]
        var index = output.startIndex
        while index < output.endIndex, let newline = output[index...].firstIndex(of: 10) {
            let header = output[index..<newline].split(separator: 32)
            index = output.index(after: newline)
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)) else { continue }
            let end = index + size
            guard end <= output.endIndex else { break }
            blobs[String(decoding: header[0], as: UTF8.self)] = Array(output[index..<end])
            index = end + 1  // the newline after the contents
        }
        return blobs
    }

    // MARK: - Errors in a person's words

    /// An HTTP status as git reports it ("The requested URL returned error: 403", "HTTP 401",
    /// "404 Not Found"), not the same digits in a path or a host name.
    static func httpStatus(in text: String, _ codes: [String]) -> Bool {
        codes.contains { code in
            ["error: \(code)", "http \(code)", "http/1.1 \(code)", "http/2 \(code)", "status \(code)", "\(code) unauthorized",
             "\(code) forbidden", "\(code) not found"].contains { text.contains($0) }
        }
    }

    static func explain(_ standardError: String) -> String {
        let text = standardError.lowercased()
        let detail = Redaction.text(standardError.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") } ?? standardError.split(separator: "\n").first.map(String.init) ?? "")
        if text.contains("connection refused") { return "connection refused" }
        if text.contains("could not resolve host") || text.contains("name or service not known")
            || text.contains("unable to look up") || text.contains("temporary failure in name resolution") {
            return "host not found"
        }
        if text.contains("authentication failed") || text.contains("could not read username")
            || text.contains("terminal prompts disabled") || text.contains("permission denied (publickey")
            || httpStatus(in: text, ["401", "403"]) {
            return "authentication required (the catalogue never prompts: give it read access with a credential helper or an SSH key)"
        }
        if text.contains("couldn't find remote ref head") {
            return "the repository is empty (no commits) or has no default branch"
        }
        if let range = standardError.range(of: "couldn't find remote ref refs/heads/") {
            let branch = standardError[range.upperBound...].prefix { !$0.isWhitespace }
            return "branch \(branch) not found on the remote"
        }
        if text.contains("not found") || text.contains("no such repository") || text.contains("does not appear to be a git repository")
            || text.contains("repository not exported") || text.contains("no such file") || httpStatus(in: text, ["404"]) {
            return "repository not found (deleted, renamed, or not readable)"
        }
        if text.contains("timed out") || text.contains("operation too slow") {
            return "the server stopped answering (\(detail))"
        }
        return detail.isEmpty ? "git failed" : detail
    }
}

/// The packs a fetch is receiving: index-pack writes each into `objects/pack/tmp_pack_*` as
/// the bytes arrive, and renames it when it is complete.
struct PackReception: Sendable {
    let directory: String

    /// Bytes received so far by fetches still running.
    func bytes() -> Int {
        partialFiles().reduce(0) { total, path in
            var status = stat()
            return total + (stat(path, &status) == 0 ? Int(status.st_size) : 0)
        }
    }

    /// Removes what a stopped fetch left behind.
    func clear() {
        for path in partialFiles() { unlink(path) }
    }

    private func partialFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("tmp_") }.map { directory + "/" + $0 }
    }
}
