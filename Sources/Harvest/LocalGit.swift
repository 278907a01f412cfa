import Foundation
import History

/// Reads the history of a folder that is a git checkout, without changing anything in it:
/// only read-only commands (`rev-list`, `cat-file`, `ls-tree`), on `<folder>/.git` exactly (a
/// folder inside some other repository is not a checkout), with no system or user
/// configuration, no hooks, no fsmonitor, no replace refs, and `GIT_OPTIONAL_LOCKS=0` (nothing
/// refreshes or writes the index). The checkout may belong to another user (a CI container):
/// it is named `safe.directory` on the command line, the protected scope git honours.
struct LocalGit {
    let gitExecutable: String
    /// The checkout's root, resolved.
    let folder: String
    let deadline: Duration

    /// Whether `<folder>/.git` is there (a folder, or a `gitdir:` file of a worktree).
    var isCheckout: Bool {
        FileManager.default.fileExists(atPath: folder + "/.git")
    }

    private static let hardening = [
        "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false",
        "-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", "protocol.allow=never", "-c", "core.askPass=",
    ]

    var reader: GitHistoryReader {
        let start = ContinuousClock.now
        return GitHistoryReader { arguments, input, maxOutput in
            let remaining = deadline - (ContinuousClock.now - start)
            guard remaining > .zero else { throw GitFailure(message: "git took longer than \(deadline)") }
            var runner = ProcessRunner(executable: gitExecutable, environment: [
                "PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0",
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_NO_REPLACE_OBJECTS": "1",
                "GIT_NO_LAZY_FETCH": "1", "HOME": "/nonexistent",
            ])
            if let maxOutput { runner.maxOutputBytes = maxOutput }
            let location = ["--git-dir", folder + "/.git", "-c", "safe.directory=\(folder)", "-c", "safe.directory=\(folder)/.git"]
            let output = try runner.run(location + Self.hardening + arguments, input: input, deadline: remaining)
            return try GitCommands.result(of: output, capped: maxOutput != nil, timeout: "git took longer than \(deadline)")
        }
    }
}
