import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of another loopback port that counts the bytes the
/// server sends: what really crossed the wire to the client. One thread forwards every
/// connection with `poll`; it stops by itself after `maximumLifetime` seconds.
public final class CountingProxy: @unchecked Sendable {
    public let port: Int
    private let state = LoopbackServerState()

    public init(forwardingTo target: Int, maximumLifetime: TimeInterval = 300) throws {
        let (listener, port) = try LoopbackSocket.bind(reuseAddress: true, listening: true)
        self.port = port
        let state = self.state
        let thread = Thread { Self.serve(listener: listener, target: target, lifetime: maximumLifetime, state: state) }
        thread.name = "CountingProxy 127.0.0.1:\(port)"
        thread.start()
    }

    /// Bytes sent by the server towards clients so far.
    public var bytesFromServer: Int { state.bytesSent }

    public func url(for repository: String) -> String { "git://\(LoopbackSocket.host):\(port)/\(repository)" }

    /// Closes every connection and the listener; returns once the thread has ended (at most 5 s).
    public func stop() {
        state.requestStop()
        _ = state.waitUntilFinished(timeout: 5)
    }

    deinit { stop() }

    private static func connect(to port: Int) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return -1 }
        var address = LoopbackSocket.address(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { Glibc.close(descriptor); return -1 }
        return descriptor
    }

    private static func serve(listener: Int32, target: Int, lifetime: TimeInterval, state: LoopbackServerState) {
        let started = ProcessInfo.processInfo.systemUptime
        // Pairs of (client, server) descriptors.
        var pairs: [(client: Int32, server: Int32)] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        func closePair(_ index: Int) {
            Glibc.close(pairs[index].client)
            Glibc.close(pairs[index].server)
            pairs.remove(at: index)
        }
        while !state.stopRequested && ProcessInfo.processInfo.systemUptime - started < lifetime {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            for pair in pairs {
                fds.append(pollfd(fd: pair.client, events: Int16(POLLIN), revents: 0))
                fds.append(pollfd(fd: pair.server, events: Int16(POLLIN), revents: 0))
            }
            guard poll(&fds, nfds_t(fds.count), 50) >= 0 || errno == EINTR else { break }
            if fds[0].revents != 0 {
                let client = accept(listener, nil, nil)
                if client >= 0 {
                    let server = connect(to: target)
                    if server >= 0 {
                        state.noteAccepted(kept: true)
                        pairs.append((client, server))
                    } else {
                        Glibc.close(client)
                    }
                }
            }
            var finished: Set<Int> = []
            for (offset, entry) in fds.dropFirst().enumerated() where entry.revents != 0 {
                let index = offset / 2
                let fromServer = offset % 2 == 1
                let source = fromServer ? pairs[index].server : pairs[index].client
                let destination = fromServer ? pairs[index].client : pairs[index].server
                let count = read(source, &buffer, buffer.count)
                guard count > 0 else { finished.insert(index); continue }
                var written = 0
                while written < count {
                    let sent = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + written, count - written, Int32(MSG_NOSIGNAL)) }
                    if sent <= 0 { finished.insert(index); break }
                    written += sent
                }
                if fromServer { state.noteSent(written) }
            }
            for index in finished.sorted(by: >) { closePair(index) }
        }
        while !pairs.isEmpty { closePair(0) }
        Glibc.close(listener)
        state.markFinished()
    }
}
