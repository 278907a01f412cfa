import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Real servers on 127.0.0.1 for tests that talk to git remotes: a `git daemon`, a server that
// never answers, one that answers one byte at a time, an HTTP server that always demands
// credentials, and a port where nothing listens. Every server picks its own free port, binds
// to the loopback address only, and is torn down by `stop()` or, at the latest, by `deinit`:
// no process, thread or socket outlives the object. Every loop here is bounded in time or count.

// MARK: - Errors

/// Why a loopback server could not be started.
public enum LoopbackServerError: Error, CustomStringConvertible, Sendable {
    /// A socket call failed; `call` names it, `code` is `errno`.
    case socket(call: String, code: Int32)
    /// No `git` executable was found on `PATH` (nor at `/usr/bin/git`).
    case gitNotFound
    /// The folder to serve does not exist or is not a folder.
    case notAFolder(String)
    /// `git daemon` exited during start-up; `log` is what it wrote to stdout and stderr.
    case daemonExited(status: Int32, log: String)
    /// `git daemon` kept running but its port did not accept connections in time.
    case daemonNotReady(port: Int, seconds: Double, log: String)

    public var description: String {
        switch self {
        case let .socket(call, code):
            return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .gitNotFound:
            return "git was not found on PATH"
        case let .notAFolder(path):
            return "git daemon cannot serve \(path): no such folder"
        case let .daemonExited(status, log):
            return "git daemon exited with status \(status) while starting: \(log)"
        case let .daemonNotReady(port, seconds, log):
            return "git daemon did not accept connections on 127.0.0.1:\(port) within \(seconds) s: \(log)"
        }
    }
}

// MARK: - Sockets

/// POSIX socket helpers for 127.0.0.1, shared by the servers in this file and usable by tests
/// (for instance to check whether a port accepts connections).
public enum LoopbackSocket {
    /// The host every server here binds to.
    public static let host = "127.0.0.1"

    /// `sockaddr_in` for 127.0.0.1:`port` (port 0 lets the kernel choose).
    static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7f00_0001).bigEndian)
        return address
    }

    /// A new close-on-exec TCP socket bound to 127.0.0.1 on a port the kernel picks.
    /// - Parameters:
    ///   - reuseAddress: sets `SO_REUSEADDR` before binding.
    ///   - listening: calls `listen` (backlog 128) and makes the socket non-blocking.
    /// - Returns: the descriptor (owned by the caller, who must `close` it) and the port.
    public static func bind(reuseAddress: Bool, listening: Bool) throws -> (descriptor: Int32, port: Int) {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackServerError.socket(call: "socket", code: errno) }
        func fail(_ call: String) -> LoopbackServerError {
            let code = errno
            _ = Glibc.close(descriptor)
            return .socket(call: call, code: code)
        }
        if reuseAddress {
            var one: Int32 = 1
            guard setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                throw fail("setsockopt(SO_REUSEADDR)")
            }
        }
        var address = Self.address(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw fail("bind") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw fail("getsockname") }
        if listening {
            guard Glibc.listen(descriptor, 128) == 0 else { throw fail("listen") }
            let flags = fcntl(descriptor, F_GETFL)
            guard flags >= 0, fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0 else { throw fail("fcntl(O_NONBLOCK)") }
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port on 127.0.0.1 that was free a moment ago (bound, read back, closed).
    public static func freePort() throws -> Int {
        let (descriptor, port) = try bind(reuseAddress: false, listening: false)
        _ = Glibc.close(descriptor)
        return port
    }

    /// Tries one TCP connection to 127.0.0.1:`port`, waiting at most `timeout` seconds.
    /// - Returns: 0 when the connection was accepted (it is closed again at once), else the
    ///   `errno` of the failure (`ECONNREFUSED`, `ETIMEDOUT`, ...).
    public static func connectError(port: Int, timeout: TimeInterval = 1) -> Int32 {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
                                          | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { return errno }
        defer { _ = Glibc.close(descriptor) }
        var address = Self.address(port: port)
        let started = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if started == 0 { return 0 }
        guard errno == EINPROGRESS else { return errno }
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&entry, 1, Int32(max(0, min(timeout, 60)) * 1000))
        guard ready > 0 else { return ready == 0 ? ETIMEDOUT : errno }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return errno }
        return error
    }

    /// Whether 127.0.0.1:`port` accepts a TCP connection within `timeout` seconds.
    public static func accepts(port: Int, timeout: TimeInterval = 1) -> Bool {
        connectError(port: port, timeout: timeout) == 0
    }
}

// MARK: - Shared server engine

/// Thread-safe counters and the stop flag shared by a ``LoopbackTCPServer`` and its thread.
public final class LoopbackServerState: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopFlag = false
    private var finishedFlag = false
    private var accepted = 0
    private var open = 0
    private var sent = 0
    private var answered = 0

    init() {}

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    /// Connections accepted so far (including any closed at once because of the limit).
    public var acceptedConnections: Int { locked { accepted } }
    /// Connections currently held open.
    public var openConnections: Int { locked { open } }
    /// Bytes written to clients so far, over all connections.
    public var bytesSent: Int { locked { sent } }
    /// Complete responses written so far (``LoopbackTCPServer/Behaviour/respond(_:)`` only).
    public var responsesSent: Int { locked { answered } }
    /// Whether the server thread has closed every socket and exited.
    public var isFinished: Bool { locked { finishedFlag } }

    var stopRequested: Bool { locked { stopFlag } }
    func requestStop() { locked { stopFlag = true } }
    func noteAccepted(kept: Bool) { locked { accepted += 1; if kept { open += 1 } } }
    func noteClosed() { locked { open -= 1 } }
    func noteSent(_ count: Int) { locked { sent += count } }
    func noteAnswered() { locked { answered += 1 } }

    func markFinished() {
        condition.lock()
        finishedFlag = true
        open = 0
        condition.broadcast()
        condition.unlock()
    }

    /// Waits at most `timeout` seconds for the thread to exit; returns whether it did.
    func waitUntilFinished(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !finishedFlag {
            if !condition.wait(until: deadline) { return finishedFlag }
        }
        return true
    }
}

/// A TCP server on 127.0.0.1 run by one background `Thread` that multiplexes the listening
/// socket and every accepted connection with `poll()` (100 ms ticks), so `stop()` takes effect
/// within about a tenth of a second. The specific servers below are thin wrappers around it.
public final class LoopbackTCPServer: @unchecked Sendable {
    /// What the server does with each accepted connection. Whatever arrives is read and discarded.
    public enum Behaviour: Sendable {
        /// Never writes a byte; holds the connection until stopped or the client closes.
        case silent
        /// Writes `bytes` one at a time, the first at once and then one every `interval`
        /// seconds; once all are sent it falls silent and holds the connection.
        case trickle(bytes: [UInt8], interval: TimeInterval)
        /// Reads the request head (up to an empty line, 64 KiB or 5 s), writes `response`,
        /// shuts down its sending side and closes once the client has closed (at most 2 s later).
        case respond([UInt8])
    }

    /// The port the server listens on, on 127.0.0.1.
    public let port: Int
    /// Counters and status, readable from any thread.
    public let state = LoopbackServerState()

    /// Starts listening and serving at once.
    /// - Parameters:
    ///   - behaviour: what to do with each connection.
    ///   - maximumConnections: connections held at once; further ones are accepted and closed.
    ///   - maximumLifetime: seconds after which the server stops by itself (a safety net).
    ///   - name: the thread's name, for debuggers.
    public init(behaviour: Behaviour, maximumConnections: Int = 256, maximumLifetime: TimeInterval = 900,
                name: String = "LoopbackTCPServer") throws {
        let (listener, port) = try LoopbackSocket.bind(reuseAddress: true, listening: true)
        self.port = port
        let state = self.state
        let thread = Thread {
            LoopbackTCPServer.serve(listener: listener, behaviour: behaviour, maximumConnections: max(1, maximumConnections),
                                    maximumLifetime: maximumLifetime, state: state)
        }
        thread.name = "\(name) 127.0.0.1:\(port)"
        thread.start()
    }

    /// Whether the server is still accepting connections.
    public var isRunning: Bool { !state.isFinished }

    /// Stops the server: the thread closes the listening socket and every accepted connection
    /// and exits. Returns once that has happened (waits at most 5 s). Safe to call repeatedly.
    public func stop() {
        state.requestStop()
        _ = state.waitUntilFinished(timeout: 5)
    }

    deinit { stop() }

    /// `scheme://127.0.0.1:<port>/<repository>`.
    public func url(for repository: String, scheme: String = "git") -> String {
        "\(scheme)://\(LoopbackSocket.host):\(port)/\(repository)"
    }

    // One accepted connection: descriptor, when accepted, request bytes read so far (respond
    // only), next trickle time, trickle bytes sent, and when the response was finished.
    private typealias Connection = (fd: Int32, opened: Double, request: [UInt8], nextWrite: Double, sent: Int,
                                    drainingSince: Double?)

    private static func now() -> Double { ProcessInfo.processInfo.systemUptime }

    private static func serve(listener: Int32, behaviour: Behaviour, maximumConnections: Int,
                              maximumLifetime: TimeInterval, state: LoopbackServerState) {
        let started = now()
        var connections: [Connection] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let headEnd: [UInt8] = Array("\r\n\r\n".utf8)

        func close(_ index: Int) {
            _ = Glibc.close(connections[index].fd)
            connections.remove(at: index)
            state.noteClosed()
        }

        while !state.stopRequested && now() - started < maximumLifetime {
            // Sleep until something happens, the next trickle byte is due, or 100 ms pass.
            var timeout = 100
            if case .trickle(let bytes, _) = behaviour {
                for connection in connections where connection.sent < bytes.count {
                    timeout = min(timeout, max(0, Int((connection.nextWrite - now()) * 1000)))
                }
            }
            var descriptors = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            for connection in connections {
                descriptors.append(pollfd(fd: connection.fd, events: Int16(POLLIN), revents: 0))
            }
            let polled = poll(&descriptors, nfds_t(descriptors.count), Int32(timeout))
            if polled < 0 && errno != EINTR { break }
            let polledCount = connections.count

            // Service existing connections, last first so removals keep indices valid.
            for index in stride(from: polledCount - 1, through: 0, by: -1) {
                let events = polled > 0 ? descriptors[index + 1].revents : 0
                var peerClosed = false
                if events & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                    for _ in 0..<16 {
                        let count = recv(connections[index].fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                        if count > 0 {
                            if case .respond = behaviour, connections[index].request.count < 65536 {
                                connections[index].request.append(contentsOf: buffer[0..<count])
                            }
                            continue
                        }
                        if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) { peerClosed = true }
                        break
                    }
                }
                if peerClosed { close(index); continue }

                let moment = now()
                switch behaviour {
                case .silent:
                    break
                case let .trickle(bytes, interval):
                    let connection = connections[index]
                    guard connection.sent < bytes.count, moment >= connection.nextWrite else { break }
                    var byte = bytes[connection.sent]
                    let written = send(connection.fd, &byte, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                    if written == 1 {
                        connections[index].sent += 1
                        connections[index].nextWrite = moment + max(0, interval)
                        state.noteSent(1)
                    } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                        close(index)
                    }
                case let .respond(response):
                    if let since = connections[index].drainingSince {
                        if moment - since > 2 { close(index) }
                        break
                    }
                    let request = connections[index].request
                    let complete = request.count >= 65536 || moment - connections[index].opened > 5
                        || (request.count >= 4 && (0...(request.count - 4)).contains { request[$0..<($0 + 4)].elementsEqual(headEnd) })
                    guard complete else { break }
                    var offset = 0
                    for _ in 0..<50 where offset < response.count {
                        let written = response.withUnsafeBytes {
                            send(connections[index].fd, $0.baseAddress! + offset, response.count - offset, Int32(MSG_NOSIGNAL))
                        }
                        if written > 0 { offset += written } else if errno != EAGAIN && errno != EINTR { break } else { usleep(2000) }
                    }
                    state.noteSent(offset)
                    if offset == response.count { state.noteAnswered() }
                    _ = shutdown(connections[index].fd, Int32(SHUT_WR))
                    connections[index].drainingSince = moment
                }
            }

            // Accept whatever is waiting (at most 64 per tick).
            if polled > 0 && descriptors[0].revents & Int16(POLLIN) != 0 {
                for _ in 0..<64 {
                    // (accept4 is not exported by Glibc's Swift module; set the flags afterwards.)
                    let client = accept(listener, nil, nil)
                    if client < 0 { break }
                    _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                    _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
                    guard connections.count < maximumConnections else {
                        _ = Glibc.close(client)
                        state.noteAccepted(kept: false)
                        continue
                    }
                    let moment = now()
                    connections.append((fd: client, opened: moment, request: [], nextWrite: moment, sent: 0, drainingSince: nil))
                    state.noteAccepted(kept: true)
                }
            }
        }

        for connection in connections { _ = Glibc.close(connection.fd) }
        _ = Glibc.close(listener)
        state.markFinished()
    }
}

// MARK: - The servers

/// Accepts TCP connections on 127.0.0.1 and never sends a byte: a git client talking to it
/// waits for the server's first packet until it is killed (git has no read timeout on git://).
public final class SilentServer: @unchecked Sendable {
    private let server: LoopbackTCPServer
    /// The listening port on 127.0.0.1.
    public let port: Int

    /// Starts listening at once. `maximumLifetime` is a safety net (seconds).
    public init(maximumLifetime: TimeInterval = 900) throws {
        server = try LoopbackTCPServer(behaviour: .silent, maximumLifetime: maximumLifetime, name: "SilentServer")
        port = server.port
    }

    /// `scheme://127.0.0.1:<port>/<repository>` (a `git://` address unless told otherwise).
    public func url(for repository: String, scheme: String = "git") -> String { server.url(for: repository, scheme: scheme) }
    /// Connections accepted so far.
    public var acceptedConnections: Int { server.state.acceptedConnections }
    /// Closes the listening socket and every connection; returns once the thread has exited.
    public func stop() { server.stop() }
    deinit { server.stop() }
}

/// Accepts TCP connections on 127.0.0.1 and writes one byte every `interval` seconds, so the
/// connection is never idle yet the response never completes. The bytes are a git pkt-line
/// that is never finished: the length prefix `fff0` (the largest legal pkt-line, 65520 bytes),
/// then `0` characters like an all-zero object name. A client reading pkt-lines blocks on it;
/// at 1 byte/s the line would complete after about 18 hours, after which the server falls silent.
/// (A bare run of `0`s is deliberately not used: `0000` is a flush-pkt, i.e. a complete, empty
/// answer.)
public final class TricklingServer: @unchecked Sendable {
    /// The bytes written, in order, one per interval.
    public static let trickleBytes: [UInt8] = Array("fff0".utf8) + [UInt8](repeating: UInt8(ascii: "0"), count: 0xfff0 - 4)

    private let server: LoopbackTCPServer
    /// The listening port on 127.0.0.1.
    public let port: Int
    /// Seconds between two bytes on each connection.
    public let interval: TimeInterval

    /// Starts listening at once. `maximumLifetime` is a safety net (seconds).
    public init(interval: TimeInterval = 1.0, maximumLifetime: TimeInterval = 900) throws {
        self.interval = interval
        server = try LoopbackTCPServer(behaviour: .trickle(bytes: Self.trickleBytes, interval: interval),
                                       maximumLifetime: maximumLifetime, name: "TricklingServer")
        port = server.port
    }

    /// `scheme://127.0.0.1:<port>/<repository>` (a `git://` address unless told otherwise).
    public func url(for repository: String, scheme: String = "git") -> String { server.url(for: repository, scheme: scheme) }
    /// Connections accepted so far.
    public var acceptedConnections: Int { server.state.acceptedConnections }
    /// Bytes written so far, over all connections.
    public var bytesSent: Int { server.state.bytesSent }
    /// Closes the listening socket and every connection; returns once the thread has exited.
    public func stop() { server.stop() }
    deinit { server.stop() }
}

/// A minimal HTTP/1.1 server on 127.0.0.1 that answers every request with
/// `401 Unauthorized` and `WWW-Authenticate: Basic realm="atrium-test"` (no body), then closes.
/// With `GIT_TERMINAL_PROMPT=0`, git fails at once:
/// `fatal: could not read Username for 'http://127.0.0.1:<port>': terminal prompts disabled`.
public final class HTTPAuthServer: @unchecked Sendable {
    /// The exact bytes of every response.
    public static let response: [UInt8] = Array((
        "HTTP/1.1 401 Unauthorized\r\n"
            + "WWW-Authenticate: Basic realm=\"atrium-test\"\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 0\r\n"
            + "Connection: close\r\n"
            + "\r\n").utf8)

    private let server: LoopbackTCPServer
    /// The listening port on 127.0.0.1.
    public let port: Int

    /// Starts listening at once. `maximumLifetime` is a safety net (seconds).
    public init(maximumLifetime: TimeInterval = 900) throws {
        server = try LoopbackTCPServer(behaviour: .respond(Self.response), maximumLifetime: maximumLifetime,
                                       name: "HTTPAuthServer")
        port = server.port
    }

    /// `http://127.0.0.1:<port>/<repository>`.
    public func url(for repository: String) -> String { server.url(for: repository, scheme: "http") }
    /// Requests answered so far.
    public var requestsAnswered: Int { server.state.responsesSent }
    /// Closes the listening socket and every connection; returns once the thread has exited.
    public func stop() { server.stop() }
    deinit { server.stop() }
}

/// A port on 127.0.0.1 where nothing listens, so connections are refused (`ECONNREFUSED`).
/// The port stays reserved while the object lives: a socket is kept bound to it without
/// `listen` and without `SO_REUSEADDR`, which refuses connections like a free port does but
/// stops anything else from binding the port meanwhile. `stop()` or `deinit` releases it.
public final class RefusingPort: @unchecked Sendable {
    /// The refusing port on 127.0.0.1.
    public let port: Int
    private let lock = NSLock()
    private var descriptor: Int32

    /// Reserves a port at once.
    public init() throws {
        (descriptor, port) = try LoopbackSocket.bind(reuseAddress: false, listening: false)
    }

    /// `scheme://127.0.0.1:<port>/<repository>` (a `git://` address unless told otherwise).
    public func url(for repository: String, scheme: String = "git") -> String {
        "\(scheme)://\(LoopbackSocket.host):\(port)/\(repository)"
    }

    /// Releases the port (after this it is merely very likely to stay unused).
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 { _ = Glibc.close(descriptor); descriptor = -1 }
    }

    deinit { stop() }
}

// MARK: - git daemon

/// A real `git daemon` serving the repositories under `basePath` over `git://127.0.0.1:<port>/`.
///
/// Started with Foundation `Process`, which on Linux puts the child in a process group of its
/// own (pgid == pid). `git` runs `git-daemon` as its child, which forks one `git-daemon --serve`
/// child per connection (which in turn runs `git upload-pack`), all in that group; the
/// per-connection processes ignore SIGTERM. `stop()` therefore takes the tree down from the
/// leaves (found in `/proc` by process group and parent), SIGKILL for those that ignore SIGTERM
/// and SIGTERM for the others, so every process is reaped by its own parent and no zombie is
/// left behind; whatever survives 2 s gets SIGKILL. It returns once none of them is left.
public final class GitDaemon: @unchecked Sendable {
    /// The port `git daemon` listens on, on 127.0.0.1.
    public let port: Int
    /// The folder served (`--base-path`).
    public let basePath: String
    private let process: Process
    private let logPath: String
    private let lock = NSLock()
    private var stopped = false

    /// The process id of the `git` process started (its process group has the same id).
    public var pid: Int32 { process.processIdentifier }

    /// Starts `git daemon` on a free port and returns once the port accepts connections.
    /// - Parameters:
    ///   - basePath: the folder whose repositories are served; `git://127.0.0.1:<port>/x.git`
    ///     is `<basePath>/x.git`.
    ///   - startupTimeout: seconds to wait for the port to accept connections.
    /// - Throws: ``LoopbackServerError`` when git is missing or the daemon does not come up.
    public init(basePath: String, startupTimeout: TimeInterval = 5) throws {
        guard let git = Self.findGit() else { throw LoopbackServerError.gitNotFound }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: basePath, isDirectory: &isFolder), isFolder.boolValue else {
            throw LoopbackServerError.notAFolder(basePath)
        }
        self.basePath = basePath
        var lastError: Error = LoopbackServerError.gitNotFound
        // The port is free when picked but could be taken before git binds it: retry a few times.
        for _ in 0..<4 {
            let port = try LoopbackSocket.freePort()
            let logPath = NSTemporaryDirectory() + "/atrium-git-daemon-\(getpid())-\(port)-\(UUID().uuidString.prefix(8)).log"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: git)
            process.arguments = ["daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)",
                                 "--base-path=\(basePath)", "--export-all", "--informative-errors",
                                 "--enable=upload-pack", basePath]
            process.currentDirectoryURL = URL(fileURLWithPath: basePath)
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            let log = FileHandle(forWritingAtPath: logPath)
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = log ?? FileHandle.nullDevice
            process.standardError = log ?? FileHandle.nullDevice
            do {
                try Self.runWithDefaultSignalMask(process)
            } catch {
                try? log?.close()
                try? FileManager.default.removeItem(atPath: logPath)
                throw error
            }
            try? log?.close()

            let deadline = Date(timeIntervalSinceNow: startupTimeout)
            var ready = false
            while process.isRunning && Date() < deadline {
                if LoopbackSocket.accepts(port: port, timeout: 0.2) && process.isRunning { ready = true; break }
                usleep(50_000)
            }
            if ready {
                self.port = port
                self.process = process
                self.logPath = logPath
                return
            }
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if process.isRunning {
                Self.terminate(process)
                try? FileManager.default.removeItem(atPath: logPath)
                throw LoopbackServerError.daemonNotReady(port: port, seconds: startupTimeout, log: text)
            }
            Self.terminate(process)  // reaps any stray children of the failed attempt
            try? FileManager.default.removeItem(atPath: logPath)
            lastError = LoopbackServerError.daemonExited(status: process.terminationStatus, log: text)
            // Only a lost race for the port is worth another try.
            guard text.contains("in use") || text.contains("unable to allocate") else { break }
        }
        throw lastError
    }

    /// `git://127.0.0.1:<port>/<repository>`.
    public func url(for repository: String) -> String {
        "git://\(LoopbackSocket.host):\(port)/\(repository)"
    }

    /// What the daemon has written to stdout and stderr so far (empty after `stop()`).
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Whether the `git` process is still running.
    public var isRunning: Bool { process.isRunning }

    /// Stops the daemon and every process it forked (SIGTERM, SIGKILL after 2 s) and waits for
    /// them to be gone (at most about 4 s in all). Safe to call repeatedly.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        Self.terminate(process)
        try? FileManager.default.removeItem(atPath: logPath)
    }

    deinit { stop() }

    // MARK: Process handling

    private static func findGit() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").prefix(64) where !folder.isEmpty {
            let candidate = "\(folder)/git"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return access("/usr/bin/git", X_OK) == 0 ? "/usr/bin/git" : nil
    }

    /// One row of `/proc`: pid, parent pid, process group, start time (clock ticks since boot;
    /// with the pid it identifies a process even if the pid is later reused), and whether it is
    /// a zombie (exited but not yet reaped by its parent).
    private typealias ProcessRow = (pid: Int32, parent: Int32, group: Int32, start: UInt64, zombie: Bool)

    /// Runs `process` with no signal blocked. A child inherits the signal mask of the thread
    /// that spawns it, and Foundation's `Process` does not reset it; Dispatch worker threads,
    /// and so Swift concurrency's (where Swift Testing runs tests), block almost every signal.
    /// Spawned from there, `git daemon` would never see SIGCHLD (so never reap its
    /// per-connection children) nor SIGTERM. The mask is cleared around the spawn only.
    private static func runWithDefaultSignalMask(_ process: Process) throws {
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        _ = pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { _ = pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    /// Every process in `/proc`.
    private static func processTable() -> [ProcessRow] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var table: [ProcessRow] = []
        for name in names {
            guard let pid = Int32(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (comm) ": state(3) ppid(4) pgrp(5) ... starttime(22), numbered as in proc(5).
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count >= 20, let parent = Int32(fields[1]), let group = Int32(fields[2]),
                  let start = UInt64(fields[19]) else { continue }
            table.append((pid, parent, group, start, fields[0] == "Z" || fields[0] == "X"))
        }
        return table
    }

    /// The processes `root` is responsible for: its descendants (when `root` is given) and the
    /// members of process group `group` (when given), zombies included, `root` itself excluded.
    private static func family(of root: Int32?, group: Int32?, in table: [ProcessRow]) -> [ProcessRow] {
        var members: Set<Int32> = []
        if let group { for entry in table where entry.group == group { members.insert(entry.pid) } }
        var frontier: Set<Int32> = root.map { [$0] } ?? []
        for _ in 0..<64 where !frontier.isEmpty {
            let children = Set(table.filter { frontier.contains($0.parent) && !members.contains($0.pid) }.map(\.pid))
            members.formUnion(children)
            frontier = children
        }
        if let root { members.remove(root) }
        members.remove(getpid())
        return table.filter { members.contains($0.pid) }
    }

    /// Whether process `pid` ignores SIGTERM (per `SigIgn` in `/proc/<pid>/status`).
    private static func ignoresTerm(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigIgn:") }),
              let mask = UInt64(line.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << UInt64(SIGTERM - 1)) != 0
    }

    /// Terminates `process` and everything it started, and waits until they are all gone.
    ///
    /// Processes are signalled leaves first, so that each parent is still alive to reap its
    /// child: `git-daemon` reaps its per-connection children, `git` reaps `git-daemon`, and
    /// Foundation reaps `git`. Signalling the whole group at once would orphan the children,
    /// which then linger as zombies until init gets round to them (and show in `pgrep`). A
    /// process is a leaf once it has no children left, not even unreaped ones. Leaves get
    /// SIGTERM, or SIGKILL when they ignore SIGTERM (git daemon's per-connection children and
    /// their `upload-pack` do). After 2 s whatever is left gets SIGKILL (group and descendants);
    /// then up to 1 s more is allowed for the last zombies to be reaped.
    private static func terminate(_ process: Process) {
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        let group: Int32? = (getpgid(pid) == pid && pid != getpgrp()) ? pid : nil
        var signalled: Set<Int32> = []
        var known: [Int32: UInt64] = [:]  // pid -> start time of every member seen so far

        func live() -> [ProcessRow] {
            let table = processTable()
            // Once `git` is reaped its pid may be reused: stop following its descendants then.
            var members = family(of: process.isRunning ? pid : nil, group: group, in: table)
            // Keep members seen earlier even if they were re-parented since (same pid and start).
            let memberPids = Set(members.map(\.pid))
            members += table.filter { known[$0.pid] == $0.start && !memberPids.contains($0.pid) && $0.pid != getpid() }
            for member in members { known[member.pid] = member.start }
            return members
        }

        // Phase 1: leaves first, SIGTERM (SIGKILL where SIGTERM is ignored).
        let termDeadline = Date(timeIntervalSinceNow: 2)
        var clean = false
        while Date() < termDeadline {
            let members = live()
            if members.isEmpty && !process.isRunning { clean = true; break }
            let parents = Set(members.map(\.parent))
            var leaves = members.filter { !$0.zombie && !parents.contains($0.pid) }.map(\.pid)
            if !parents.contains(pid) && process.isRunning { leaves.append(pid) }
            for leaf in leaves where !signalled.contains(leaf) {
                _ = kill(leaf, leaf != pid && ignoresTerm(leaf) ? SIGKILL : SIGTERM)
                signalled.insert(leaf)
            }
            usleep(10_000)
        }

        // Phase 2: SIGKILL whatever is left.
        if !clean {
            if let group { _ = kill(-group, SIGKILL) }
            for member in live() where !member.zombie { _ = kill(member.pid, SIGKILL) }
            if process.isRunning { _ = kill(pid, SIGKILL) }
        }

        // Phase 3: wait (bounded) until nothing is left, not even a zombie.
        let reapDeadline = Date(timeIntervalSinceNow: clean ? 1 : 2)
        while Date() < reapDeadline {
            if live().isEmpty && !process.isRunning { break }
            usleep(10_000)
        }
        if !process.isRunning { process.waitUntilExit() }
    }
}
