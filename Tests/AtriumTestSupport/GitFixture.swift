import Foundation

/// A real git repository made for a test: a working copy to commit in, and a bare copy that
/// serves as the remote (`file://` URL, or through `GitDaemon`). Removed with the value.
public final class GitFixture: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let name: String
    public var work: String { folder.path + "/work-" + name }
    public var bare: String { folder.path + "/remotes/" + name + ".git" }
    public var fileURL: String { "file://" + bare }

    /// A repository with `files` committed on `branch`, pushed to its bare remote.
    public init(name: String, files: [String: String], branch: String = "main") throws {
        folder = try TemporaryFolder("git-fixture")
        self.name = name
        try Self.git(["init", "-q", "-b", branch, work], in: folder.path)
        try commit(files, message: "first")
        try Self.git(["init", "-q", "--bare", bare], in: folder.path)
        // What forges allow, and a partial clone needs.
        try Self.git(["config", "uploadpack.allowFilter", "true"], in: bare)
        try Self.git(["config", "uploadpack.allowAnySHA1InWant", "true"], in: bare)
        try Self.git(["symbolic-ref", "HEAD", "refs/heads/\(branch)"], in: bare)
        try Self.git(["push", "-q", bare, branch], in: work)
    }

    /// Writes `files` (paths to contents; `nil`-like empty string deletes nothing) and commits them.
    public func commit(_ files: [String: String], message: String, author: String = "dev@acme.example") throws {
        for (path, contents) in files {
            let target = work + "/" + path
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try contents.write(toFile: target, atomically: true, encoding: .utf8)
        }
        try Self.git(["add", "-A"], in: work)
        try Self.git(["-c", "user.name=Dev", "-c", "user.email=\(author)", "commit", "-q", "-m", message], in: work)
    }

    /// Pushes the working copy's branch to the remote (`force` for rewritten history).
    public func push(_ branch: String = "main", force: Bool = false) throws {
        try Self.git(["push", "-q"] + (force ? ["--force"] : []) + [bare, branch], in: work)
    }

    // MARK: - Dated history

    /// Commits `files` (and removes `deleting`) as `name <email>`, authored at `time` and
    /// committed at `committedAt` (default the same; seconds since 1970, UTC); empty commits allowed.
    public func commit(_ files: [String: String] = [:], deleting: [String] = [], message: String, name: String = "Dev",
                       email: String = "dev@acme.example", at time: Int, committedAt: Int? = nil) throws {
        for (path, contents) in files {
            let target = work + "/" + path
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try contents.write(toFile: target, atomically: true, encoding: .utf8)
        }
        for path in deleting { try Self.git(["rm", "-r", "-q", path], in: work) }
        try Self.git(["add", "-A"], in: work)
        try Self.git(["-c", "user.name=\(name)", "-c", "user.email=\(email)", "commit", "-q", "--allow-empty", "-m", message],
                     in: work, environment: Self.dated(time, committedAt ?? time))
    }

    /// Merges `branch` into the current branch with a merge commit (`--no-ff`) whose message
    /// is `message` (subject, blank line, body), committed at `time`.
    public func merge(_ branch: String, message: String, at time: Int, name: String = "Platform",
                      email: String = "noreply@forge.example") throws {
        try Self.git(["-c", "user.name=\(name)", "-c", "user.email=\(email)", "merge", "-q", "--no-ff", "--no-edit", "-m", message,
                      branch], in: work, environment: Self.dated(time, time))
    }

    /// Switches the working copy to `branch`, creating it from the current commit when `create`.
    public func checkout(_ branch: String, create: Bool = false) throws {
        try Self.git(["checkout", "-q"] + (create ? ["-b"] : []) + [branch], in: work)
    }

    /// The working copy's current commit.
    public func head() throws -> String {
        try Self.git(["rev-parse", "HEAD"], in: work).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func dated(_ authored: Int, _ committed: Int) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_DATE"] = "@\(authored) +0000"
        environment["GIT_COMMITTER_DATE"] = "@\(committed) +0000"
        return environment
    }

    /// Runs git and returns its standard output; throws with its standard error on failure.
    /// The user's own git configuration never applies (`commit.gpgsign`, `core.hooksPath` or
    /// `init.defaultBranch` there would change or break a fixture): only what the test says.
    @discardableResult
    public static func git(_ arguments: [String], in directory: String,
                           environment base: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        var environment = base
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        for key in environment.keys where key.hasPrefix("GIT_CONFIG_KEY_") || key.hasPrefix("GIT_CONFIG_VALUE_")
            || key == "GIT_CONFIG_COUNT" || key == "GIT_CONFIG_PARAMETERS" || key == "GIT_DIR" || key == "GIT_WORK_TREE" {
            environment[key] = nil
        }
        let result = try runProgram("/usr/bin/git", arguments, in: directory, environment: environment, timeout: .seconds(120))
        guard result.status == 0 else {
            throw FixtureError(description: "git \(arguments.joined(separator: " ")): " + result.errors)
        }
        return result.output
    }
}
