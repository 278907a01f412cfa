import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a build has running or half-written, so that Ctrl-C or a CI's SIGTERM leaves nothing
/// behind: every git process group it started is killed, every staging folder removed, and
/// the published site is either the old one or the new one, never a mix.
///
/// The signal is handled on a dispatch queue, not in a signal handler, so that it can take the
/// same lock as the code that starts processes and swaps the site in: a process is either
/// registered before the handler runs or never started, and a swap either happened or not.
public enum Interruption {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []
    nonisolated(unsafe) private static var paths: [String: Int] = [:]
    nonisolated(unsafe) private static var interrupted = false
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var stopMessage: String?
    nonisolated(unsafe) private static var stopStatus: Int32?

    /// The build was interrupted; nothing new may start.
    public struct Interrupted: Error, CustomStringConvertible {
        public var description: String { "interrupted" }
    }

    /// Handles SIGINT, SIGTERM and SIGHUP from now on: kills what was started, removes what
    /// was staged, prints `message` and exits with 128 + the signal's number.
    public static func install(message: String = "interrupted; the published site was not changed") {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global(qos: .userInitiated))
            source.setEventHandler { stop(signal: signalNumber, message: message) }
            source.resume()
            sources.append(source)
        }
    }

    /// From now on a signal is the normal way to stop (a preview server): `message` is printed
    /// and the process exits with `status`, after the same clean-up.
    public static func stopping(message: String, status: Int32) {
        lock.withLock {
            stopMessage = message
            stopStatus = status
        }
    }

    /// Starts a process group through `spawn` (which returns the group's id, or nil when it
    /// failed) and remembers it until `finished` is called; refuses once interrupted.
    public static func startGroup(_ spawn: () throws -> pid_t?) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !interrupted else { throw Interrupted() }
        if let group = try spawn() { groups.insert(group) }
    }

    public static func finished(group: pid_t) {
        lock.lock()
        groups.remove(group)
        lock.unlock()
    }

    /// Removes `path` (a folder being written) if the build is interrupted before `release`.
    public static func removeOnInterruption(_ path: String) {
        lock.lock()
        paths[path, default: 0] += 1
        lock.unlock()
    }

    public static func release(_ path: String) {
        lock.lock()
        if let count = paths[path] { paths[path] = count > 1 ? count - 1 : nil }
        lock.unlock()
    }

    /// Runs `body` so that an interruption waits for it, then stops removing `path`: for a
    /// step that must happen whole, such as swapping the new site in for the old.
    public static func uninterrupted<T>(releasing path: String, _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard !interrupted else { throw Interrupted() }
        let result = try body()
        if let count = paths[path] { paths[path] = count > 1 ? count - 1 : nil }
        return result
    }

    private static func stop(signal signalNumber: Int32, message: String) {
        lock.lock()
        interrupted = true
        for group in groups { kill(-group, SIGKILL) }
        // Renamed first, in one step: writers still running cannot put files back under the
        // old name (the staging area never re-creates its own root), so what is removed stays so.
        // A write already under way when the signal came may still land in the renamed tree:
        // removal is repeated until the tree is gone (bounded: 200 tries, 1 ms apart).
        for path in paths.keys {
            let doomed = path + ".interrupted"
            guard rename(path, doomed) == 0 else { continue }
            for _ in 0..<200 {
                try? FileManager.default.removeItem(atPath: doomed)
                if access(doomed, F_OK) != 0 { break }
                usleep(1000)
            }
        }
        FileHandle.standardError.write(Data("\(stopMessage ?? message)\n".utf8))
        _exit(stopStatus ?? 128 + signalNumber)
    }
}
