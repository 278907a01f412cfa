import AtriumBuild
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `[2/5] repositories 4,120/10,000` on one line of a terminal, rewritten in place. Nothing
/// when standard output is not a terminal or under CI, so logs and pipes stay clean.
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDrawn: UInt64 = 0
    private var shown = false

    static func forStandardOutput(enabled: Bool,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalProgress? {
        guard enabled, isatty(STDOUT_FILENO) == 1, environment["CI"] == nil, environment["TERM"] != "dumb" else { return nil }
        return TerminalProgress()
    }

    var progress: BuildProgress {
        BuildProgress { [self] event in
            switch event {
            case .started(let step, let number, let total):
                draw("[\(number)/\(total)] \(step.rawValue)", force: true)
            case .advanced(let step, let number, let total, let done, let of):
                draw("[\(number)/\(total)] \(step.rawValue) \(Self.grouped(done))/\(Self.grouped(of))", force: done == of)
            case .waiting(let step, let reason):
                draw("\(step.rawValue): \(reason)", force: true)
            case .finished:
                break
            }
        }
    }

    /// Removes the line before anything else is printed.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }

    private func draw(_ line: String, force: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        // Ten redraws a second are enough to read and cost nothing next to the build.
        guard force || now - lastDrawn > 100_000_000 else { return }
        lastDrawn = now
        shown = true
        FileHandle.standardOutput.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    /// 4120 → "4,120"
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
