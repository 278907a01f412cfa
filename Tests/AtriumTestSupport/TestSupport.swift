import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder under the system's temporary folder, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "atrium-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` (UTF-8) at `relativePath`, creating folders.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws -> String {
        try write(Array(text.utf8), to: relativePath)
    }

    @discardableResult
    public func write(_ bytes: [UInt8], to relativePath: String) throws -> String {
        let target = path + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// A symbolic link at `relativePath` that points to `destination`, as written.
    public func link(_ relativePath: String, to destination: String) throws {
        let target = path + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: destination)
    }
}

/// Places in the checkout the tests read from.
public enum Checkout {
    /// The package's root folder.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/` beside the checkout: the GFM spec and the real-world corpus. A person who
    /// clones only the project has none; `ATRIUM_SHARED` points elsewhere (an empty folder
    /// hides it, which is how CI proves the suite runs without it).
    public static let shared = ProcessInfo.processInfo.environment["ATRIUM_SHARED"]
        ?? (root as NSString).deletingLastPathComponent + "/shared"
    public static let realCorpus = shared + "/corpus/real"
    public static let samples = root + "/content/samples"

    /// The built `atrium` executable (`ATRIUM_BINARY`, else the debug build).
    public static var binary: String {
        ProcessInfo.processInfo.environment["ATRIUM_BINARY"] ?? root + "/.build/debug/atrium"
    }
}

/// Golden files: compares `value` with the file `folder/name`. When the file is missing, or
/// `RECORD_SNAPSHOTS` is set, writes it and reports that it was recorded (a failure, so a
/// recording never passes unnoticed). Regenerate all with `RECORD_SNAPSHOTS=1 swift test`.
/// - Returns: nil when the value matches, else the message to report.
public func snapshotMismatch(_ value: String, named name: String, in folder: String) -> String? {
    let path = folder + "/" + name
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
    if !record, let existing = try? String(contentsOfFile: path, encoding: .utf8) {
        return existing == value ? nil : "\(name) differs from its golden file \(path); if the change is intended, run RECORD_SNAPSHOTS=1 swift test"
    }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? value.write(toFile: path, atomically: true, encoding: .utf8)
    return "recorded \(path)"
}

/// What a finished program said.
public struct ProgramOutput: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String

    public init(status: Int32, output: String, errors: String) {
        self.status = status
        self.output = output
        self.errors = errors
    }

    public var errorLines: [String] { errors.split(separator: "\n").map(String.init) }
}

/// A program that was started and may still run: its output goes to files, so neither stream
/// can fill up and stall it while nobody reads.
public final class RunningProgram: @unchecked Sendable {
    public let process = Process()
    private let scratch: TemporaryFolder
    private let finished = DispatchSemaphore(value: 0)

    public init(_ executable: String, _ arguments: [String], in directory: String? = nil,
                environment: [String: String]? = nil) throws {
        scratch = try TemporaryFolder("program-output")
        for name in ["stdout", "stderr"] { _ = FileManager.default.createFile(atPath: scratch.path + "/" + name, contents: nil) }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + "/stdout"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + "/stderr"))
        process.terminationHandler = { [finished] _ in finished.signal() }
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }

    /// What it has printed so far.
    public func output() -> ProgramOutput {
        ProgramOutput(status: process.isRunning ? -1 : process.terminationStatus,
                      output: text("stdout"), errors: text("stderr"))
    }

    private func text(_ name: String) -> String {
        String(decoding: FileManager.default.contents(atPath: scratch.path + "/" + name) ?? Data(), as: UTF8.self)
    }

    /// Waits for the end, at most `timeout`; a program still running then is killed and the
    /// wait throws, so one hung program fails its test instead of hanging the suite.
    public func wait(timeout: Duration) throws -> ProgramOutput {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = finished.wait(timeout: .now() + 10)
            let seen = output()
            throw ProgramTimeout(command: ([process.executableURL?.path ?? ""] + (process.arguments ?? [])).joined(separator: " "),
                                 timeout: timeout, output: seen)
        }
        process.waitUntilExit()
        return output()
    }
}

/// A program did not finish within its time; what it had printed is kept.
public struct ProgramTimeout: Error, CustomStringConvertible {
    public var command: String
    public var timeout: Duration
    public var output: ProgramOutput
    public var description: String {
        "\(command) did not finish within \(timeout) and was killed; it printed:\n\(output.output)\n\(output.errors)"
    }
}

/// Runs a program to the end (killed after `timeout`) and collects what it printed.
public func runProgram(_ executable: String, _ arguments: [String], in directory: String? = nil,
                       environment: [String: String]? = nil, timeout: Duration = .seconds(300)) throws -> ProgramOutput {
    try RunningProgram(executable, arguments, in: directory, environment: environment).wait(timeout: timeout)
}

/// A listening Unix-domain socket at a path: a file system entry that is not a file.
public final class UnixSocket: @unchecked Sendable {
    private var descriptor: Int32

    public init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard descriptor >= 0, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw FixtureError(description: "cannot make a socket at \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw FixtureError(description: "cannot bind \(path): \(String(cString: strerror(errno)))") }
    }

    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}

/// Setting up a test's fixture failed; `description` says how.
public struct FixtureError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}

/// Polls `condition` every `interval` seconds for at most `seconds`; its last answer.
public func eventually(within seconds: Double, every interval: Double = 0.02, _ condition: () -> Bool) -> Bool {
    let end = Date(timeIntervalSinceNow: seconds)
    while Date() < end {
        if condition() { return true }
        usleep(useconds_t(interval * 1_000_000))
    }
    return condition()
}
