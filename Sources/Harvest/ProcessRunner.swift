import CAtriumSystem
import Foundation
import Interruption
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with a deadline, in its own process group, so that it and any
/// helpers it starts (ssh, git-remote-https) are killed together when time runs out: no child
/// outlives the build.
struct ProcessRunner: Sendable {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: [UInt8]
        var standardError: String
        var timedOut: Bool
        /// The watcher asked for it to be stopped.
        var stopped = false
        /// Standard output passed `maxOutputBytes`: the program was killed, `standardOutput`
        /// holds what came before.
        var overflowed = false
    }

    struct LaunchFailure: Error, CustomStringConvertible {
        var description: String
    }

    var executable: String
    var environment: [String: String]
    /// Standard output beyond this is an error (a huge file cannot exhaust memory).
    var maxOutputBytes = 256 << 20

    /// Runs the program. `watch`, when given, is asked every few milliseconds while the
    /// program runs whether to stop it (for a limit only the file system shows, such as the
    /// size of a pack being received); then the group is killed and `stopped` is set.
    func run(_ arguments: [String], input: [UInt8] = [], deadline: Duration,
             watch: (@Sendable () -> Bool)? = nil) throws -> Output {
        var stdinPipe: [Int32] = [0, 0], stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        guard atrium_pipe_cloexec(&stdinPipe) == 0, atrium_pipe_cloexec(&stdoutPipe) == 0,
              atrium_pipe_cloexec(&stderrPipe) == 0 else {
            throw LaunchFailure(description: "cannot create pipes: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        // The build may ignore these while it handles them itself; git must not inherit that.
        for signalNumber in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signalNumber) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        var spawned: Int32 = 0
        do {
            // Registered with the spawn, so that an interrupted build kills this group too.
            try Interruption.startGroup {
                spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
                return spawned == 0 ? pid : nil
            }
        } catch {
            close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
            close(stdinPipe[1]); close(stdoutPipe[0]); close(stderrPipe[0])
            throw error
        }
        close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1]); close(stdoutPipe[0]); close(stderrPipe[0])
            throw LaunchFailure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        defer { Interruption.finished(group: pid) }
        // The child's group id is its pid: killing -pid reaches every process it started.
        let output = pump(input: input, stdin: stdinPipe[1], stdout: stdoutPipe[0], stderr: stderrPipe[0],
                          group: pid, deadline: ContinuousClock.now.advanced(by: deadline), watch: watch)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        kill(-pid, SIGKILL)  // helpers left in the group, if any
        let exitCode: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(status: exitCode, standardOutput: output.stdout, standardError: output.stderr,
                      timedOut: output.timedOut, stopped: output.stopped, overflowed: output.overflowed)
    }

    /// Feeds standard input and collects both outputs until the child closes them or the
    /// deadline passes (then the whole group is killed).
    private func pump(input: [UInt8], stdin: Int32, stdout: Int32, stderr: Int32, group: pid_t,
                      deadline: ContinuousClock.Instant, watch: (@Sendable () -> Bool)?)
        -> (stdout: [UInt8], stderr: String, timedOut: Bool, stopped: Bool, overflowed: Bool) {
        var out: [UInt8] = [], err: [UInt8] = []
        var written = 0
        var stdinOpen = true
        if input.isEmpty { close(stdin); stdinOpen = false } else { _ = fcntl(stdin, F_SETFL, O_NONBLOCK) }
        var open: Set<Int32> = [stdout, stderr]
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var timedOut = false, stopped = false, overflowed = false
        while !open.isEmpty || stdinOpen {
            let remaining = ContinuousClock.now.duration(to: deadline)
            if remaining <= .zero || out.count > maxOutputBytes || watch?() == true {
                kill(-group, SIGKILL)
                timedOut = remaining <= .zero
                stopped = !timedOut && out.count <= maxOutputBytes
                overflowed = !timedOut && out.count > maxOutputBytes
                break
            }
            var fds = open.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if stdinOpen { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            let milliseconds = Int32(min(max(remaining.components.seconds * 1000, 1), watch == nil ? 200 : 5))
            let ready = poll(&fds, nfds_t(fds.count), milliseconds)
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                if entry.fd == stdin {
                    let count = input.withUnsafeBytes { bytes in
                        write(stdin, bytes.baseAddress! + written, input.count - written)
                    }
                    if count > 0 { written += count }
                    if count < 0 && errno != EAGAIN || written == input.count {
                        close(stdin)
                        stdinOpen = false
                    }
                    continue
                }
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == stdout { out += buffer[0..<count] } else if err.count < 1 << 16 { err += buffer[0..<count] }
                } else if count == 0 || errno != EINTR && errno != EAGAIN {
                    close(entry.fd)
                    open.remove(entry.fd)
                }
            }
        }
        if stdinOpen { close(stdin) }
        for fd in open { close(fd) }
        return (out, String(decoding: err, as: UTF8.self), timedOut, stopped, overflowed)
    }
}
