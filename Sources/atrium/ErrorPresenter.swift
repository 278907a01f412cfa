import ArgumentParser
import AtriumBuild

/// The one place where a failed command's error becomes text on stderr and an exit code.
enum ErrorPresenter {
    /// Prints `error` (and the diagnostics that caused it) and returns the exit to throw.
    static func present(_ error: BuildError) -> ExitCode {
        for diagnostic in error.diagnostics { printError(diagnostic.description) }
        printError("error: \(error)")
        return .failure
    }
}
