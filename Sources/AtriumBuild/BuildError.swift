public import AtriumModel

/// Why `build`, `harvest`, `explain` or `check` stopped. Carries the step, the repository and
/// the `file:line` where they are known, and the underlying error as a value; `description`
/// is the one place such an error becomes text.
public struct BuildError: Error, CustomStringConvertible {
    public var step: BuildStep
    public var repository: String?
    public var file: String?
    public var line: Int?
    public var underlying: any Error
    /// The repository problems that made a strict build fail, when that was the cause.
    public var diagnostics: [Diagnostic] = []

    public init(step: BuildStep, repository: String? = nil, file: String? = nil, line: Int? = nil, _ underlying: any Error,
                diagnostics: [Diagnostic] = []) {
        self.step = step
        self.repository = repository
        self.file = file
        self.line = line
        self.underlying = underlying
        self.diagnostics = diagnostics
        if file == nil, let located = underlying as? any LocatedError {
            self.file = located.sourceFile
            self.line = located.sourceLine
        }
    }

    /// `load site: content/site.yml:3: title must be a string`
    public var description: String {
        var parts = [step.rawValue + ":"]
        if let repository { parts.append(repository + ":") }
        if let file { parts.append(line.map { "\(file):\($0):" } ?? file + ":") }
        let message = (underlying as? any LocatedError)?.message ?? String(describing: underlying)
        parts.append(message)
        return parts.joined(separator: " ")
    }
}

/// An error that knows the file (and line) it is about, so that the presenter places it once.
protocol LocatedError: Error {
    var sourceFile: String { get }
    var sourceLine: Int? { get }
    /// The message without the location.
    var message: String { get }
}

/// A strict build found problems in the repositories: nothing was published.
struct StrictFailure: Error, CustomStringConvertible {
    var count: Int
    var description: String { "--strict: \(count) problem(s) in the repositories; nothing was published" }
}
