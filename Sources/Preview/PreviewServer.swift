import Foundation
import SafeFiles
#if canImport(Glibc)
import Glibc
#endif

/// The local preview of `atrium serve`: the published folder over HTTP/1.1 on 127.0.0.1 only,
/// GET and HEAD, one request a connection. Every HTML page gets a script (served from the same
/// origin, so the pages' Content-Security-Policy allows it) that polls the build number and
/// reloads the page when a rebuild has published a new site.
public final class PreviewServer: @unchecked Sendable {
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public let port: Int
    private let root: String
    private let listener: Int32
    private let lock = NSLock()
    private var build = 0

    static let reloadPath = "/__atrium/reload.js"
    static let versionPath = "/__atrium/version"
    /// Requests are small; a client that sends more, or nothing for this long, is dropped.
    static let requestLimit = 16 << 10
    static let readTimeout: Int = 5

    /// Binds 127.0.0.1:`port` (0: a free one) and starts answering on a thread of its own.
    public init(root: String, port: Int) throws {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw StartError(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7f00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            let code = errno
            close(descriptor)
            throw StartError(description: code == EADDRINUSE
                ? "port \(port) on 127.0.0.1 is already in use; choose another with --port"
                : "cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(code)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
        self.listener = descriptor
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "atrium-serve"
        thread.start()
    }

    /// A new site was published: open pages reload.
    public func published() {
        lock.withLock { build += 1 }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            DispatchQueue.global().async { [self] in
                answer(client)
                close(client)
            }
        }
    }

    // MARK: - One request

    struct Response {
        var status: Int
        var reason: String
        var type: String
        var body: [UInt8]
        var location: String?
    }

    private func answer(_ client: Int32) {
        var timeout = timeval(tv_sec: Self.readTimeout, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let head = readHead(client) else { return }
        let requestLine = head.prefix { $0 != 13 && $0 != 10 }
        let parts = String(decoding: requestLine, as: UTF8.self).split(separator: " ")
        var response: Response
        var method = ""
        if parts.count != 3 || !parts[2].hasPrefix("HTTP/1.") {
            response = Self.text(400, "Bad Request", "bad request")
        } else {
            method = String(parts[0])
            response = method == "GET" || method == "HEAD"
                ? respond(to: String(parts[1]))
                : Self.text(405, "Method Not Allowed", "only GET and HEAD")
        }
        var header = "HTTP/1.1 \(response.status) \(response.reason)\r\n"
        header += "Content-Type: \(response.type)\r\nContent-Length: \(response.body.count)\r\n"
        header += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n"
        if let location = response.location { header += "Location: \(location)\r\n" }
        if response.status == 405 { header += "Allow: GET, HEAD\r\n" }
        header += "\r\n"
        send(client, Array(header.utf8) + (method == "HEAD" ? [] : response.body))
    }

    private func readHead(_ client: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < Self.requestLimit {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            bytes += buffer[..<count]
            if bytes.lastRange(of: [13, 10, 13, 10]) != nil || bytes.lastRange(of: [10, 10]) != nil { return bytes }
        }
        return nil
    }

    private func send(_ client: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// The answer to a GET of `target` (path and query as the client sent them).
    func respond(to target: String) -> Response {
        let path = String(target.prefix { $0 != "?" && $0 != "#" })
        if path == Self.versionPath {
            return Self.text(200, "OK", String(lock.withLock { build }))
        }
        if path == Self.reloadPath {
            return Response(status: 200, reason: "OK", type: "text/javascript; charset=utf-8", body: Array(Self.reloadScript.utf8))
        }
        guard path.hasPrefix("/"), let decoded = path.removingPercentEncoding, !decoded.contains("\0") else {
            return Self.text(400, "Bad Request", "bad path")
        }
        let segments = decoded.split(separator: "/").filter { $0 != "." }
        if segments.contains("..") || segments.contains(where: { $0.hasPrefix(".") }) {
            return notFound()
        }
        var file = root + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/"))
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else { return notFound() }
        if isFolder.boolValue {
            // Pages link relative to their folder: `/projects/x` must become `/projects/x/`.
            if !path.hasSuffix("/") {
                return Response(status: 301, reason: "Moved Permanently", type: "text/plain; charset=utf-8",
                                body: Array("moved".utf8), location: path + "/")
            }
            file += "/index.html"
        }
        guard case .success(let bytes) = RegularFile.read(file, limit: RegularFile.siteFileLimit) else { return notFound() }
        return page(200, "OK", bytes, type: Self.contentType(of: file))
    }

    private func notFound() -> Response {
        if case .success(let bytes) = RegularFile.read(root + "/404.html", limit: RegularFile.siteFileLimit) {
            return page(404, "Not Found", bytes, type: "text/html; charset=utf-8")
        }
        return Self.text(404, "Not Found", "not found")
    }

    private func page(_ status: Int, _ reason: String, _ bytes: [UInt8], type: String) -> Response {
        guard type.hasPrefix("text/html") else { return Response(status: status, reason: reason, type: type, body: bytes) }
        return Response(status: status, reason: reason, type: type, body: Self.injectingReload(bytes))
    }

    static func injectingReload(_ html: [UInt8]) -> [UInt8] {
        let tag = Array("<script src=\"\(reloadPath)\"></script>".utf8)
        let end = Array("</body>".utf8)
        guard let index = html.lastRange(of: end) else { return html + tag }
        return Array(html[..<index]) + tag + Array(html[index...])
    }

    static func text(_ status: Int, _ reason: String, _ message: String) -> Response {
        Response(status: status, reason: reason, type: "text/plain; charset=utf-8", body: Array((message + "\n").utf8))
    }

    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": path.hasSuffix("feed.xml") ? "application/atom+xml" : "application/xml"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// Polls the build number once a second; a new one reloads the page.
    static let reloadScript = """
        (() => {
          let seen = null;
          const poll = () => fetch("\(versionPath)", { cache: "no-store" })
            .then((response) => response.text())
            .then((build) => { if (seen !== null && build !== seen) location.reload(); seen = build; })
            .catch(() => {})
            .finally(() => setTimeout(poll, 1000));
          poll();
        })();

        """
}

extension Array where Element == UInt8 {
    /// Where the last occurrence of `needle` starts.
    func lastRange(of needle: [UInt8]) -> Int? {
        guard needle.count <= count else { return nil }
        var start = count - needle.count
        while start >= 0 {
            if self[start..<start + needle.count].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }
}
