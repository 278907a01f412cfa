import AtriumTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 request over a plain socket, so that the test controls the exact target
/// (a client library would normalise `..` away). Nil when nothing answered within 5 s.
func httpGet(port: Int, _ target: String) -> (status: Int, headers: String, body: String)? {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port)).bigEndian
    address.sin_addr = in_addr(s_addr: in_addr_t(0x7f00_0001).bigEndian)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return nil }
    let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
    guard send(descriptor, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return nil }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = recv(descriptor, &buffer, buffer.count, 0)
        if count <= 0 { break }
        bytes += buffer[..<count]
    }
    let text = String(decoding: bytes, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n"), let status = Int(text.split(separator: " ").dropFirst().first ?? "") else {
        return nil
    }
    return (status, String(text[..<split.lowerBound]), String(text[split.upperBound...]))
}

/// `atrium serve` on a free loopback port, as a person previewing their catalogue uses it.
@Suite struct ServeCommandTests {
    @Test func servesTheSiteAndShowsAnEditedReadmeAfterItRebuilds() throws {
        let folder = try TemporaryFolder()
        let site = folder.path + "/catalogue"
        #expect(try AtriumCommand.run(["init", site]).status == 0)
        let port = try LoopbackSocket.freePort()
        let server = try RunningProgram(Checkout.binary, ["serve", "--site", site, "--port", "\(port)", "--interval", "0.2"])
        defer { if server.process.isRunning { kill(server.pid, SIGKILL) } }
        // It says where it serves once the first build is in place.
        #expect(eventually(within: 60) { server.output().output.contains("Serving http://127.0.0.1:\(port)/") },
                "never said it serves: \(server.output())")
        #expect(httpGet(port: port, "/")?.status == 200)

        let page = try #require(httpGet(port: port, "/projects/example-service/"))
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>Example Service</h1>"))
        #expect(page.body.contains("<script src=\"/__atrium/reload.js\"></script></body>"), "pages reload themselves")
        #expect(page.headers.contains("Content-Type: text/html; charset=utf-8"))
        // Relative links need the folder's slash; what is outside the site is never served.
        let bare = try #require(httpGet(port: port, "/projects/example-service"))
        #expect(bare.status == 301 && bare.headers.contains("Location: /projects/example-service/"))
        for target in ["/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.atrium-output", "/nothing-here"] {
            let answer = try #require(httpGet(port: port, target))
            #expect(answer.status == 404, "\(target)")
            #expect(!answer.body.contains("root:"), "\(target)")
        }
        #expect(httpGet(port: port, "/feed.xml")?.headers.contains("application/atom+xml") == true)
        let version = httpGet(port: port, "/__atrium/version")?.body

        let readme = site + "/repositories/example-service/README.md"
        try (read(readme) + "\nNow with a changelog.\n").write(toFile: readme, atomically: true, encoding: .utf8)
        #expect(eventually(within: 60) {
            httpGet(port: port, "/projects/example-service/")?.body.contains("Now with a changelog.") == true
        }, "the edit never showed: \(server.output())")
        // The build number moves once the new site is in place (a moment after its files are).
        #expect(eventually(within: 10) { httpGet(port: port, "/__atrium/version")?.body != version },
                "open pages are told to reload")
        #expect(server.output().output.contains("Rebuilt in"))

        kill(server.pid, SIGINT)
        let result = try server.wait(timeout: .seconds(20))
        #expect(result.status == 0, "Ctrl-C is how a preview stops: \(result.errors)")
        #expect(result.errors.contains("stopped"))
        #expect(!LoopbackSocket.accepts(port: port), "the port is free again")
    }

    @Test func aTakenPortIsAClearError() throws {
        let (listener, port) = try LoopbackSocket.bind(reuseAddress: false, listening: true)
        defer { close(listener) }
        let folder = try TemporaryFolder()
        #expect(try AtriumCommand.run(["init", folder.path + "/site"]).status == 0)
        let result = try AtriumCommand.run(["serve", "--site", folder.path + "/site", "--port", "\(port)"], timeout: .seconds(30))
        #expect(result.status == 1)
        #expect(result.errors.contains("port \(port) on 127.0.0.1 is already in use; choose another with --port"), "\(result.errors)")
    }
}
