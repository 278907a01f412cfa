/// A problem found while building the catalogue, with where it was found.
///
/// Diagnostics about one repository never stop the build on their own: the repository is
/// reported and the rest of the catalogue is published (unless the build is strict).
public struct Diagnostic: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    /// The repository's name as configured, or nil for site-wide problems.
    public var repository: String?
    /// The file's path inside the repository (or the site), when one file is at fault.
    public var file: String?
    public var line: Int?
    public var message: String

    public init(_ severity: Severity, repository: String? = nil, file: String? = nil,
                line: Int? = nil, _ message: String) {
        self.severity = severity
        self.repository = repository
        self.file = file
        self.line = line
        self.message = message
    }

    public static func warning(repository: String? = nil, file: String? = nil, line: Int? = nil,
                               _ message: String) -> Diagnostic {
        Diagnostic(.warning, repository: repository, file: file, line: line, message)
    }

    public static func error(repository: String? = nil, file: String? = nil, line: Int? = nil,
                             _ message: String) -> Diagnostic {
        Diagnostic(.error, repository: repository, file: file, line: line, message)
    }

    /// `warning: payments-sdk: README.md:3: message` — one line, every part that is known.
    public var description: String {
        var parts = ["\(severity.rawValue):"]
        if let repository { parts.append("\(repository):") }
        if let file {
            parts.append(line.map { "\(file):\($0):" } ?? "\(file):")
        }
        parts.append(message)
        return parts.joined(separator: " ")
    }

    /// Orders by repository, file and line so that reports are the same on every run.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        let l = (lhs.repository ?? "", lhs.file ?? "", lhs.line ?? 0, lhs.message)
        let r = (rhs.repository ?? "", rhs.file ?? "", rhs.line ?? 0, rhs.message)
        return l < r
    }
}
