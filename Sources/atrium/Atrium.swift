import ArgumentParser
import Foundation
import Interruption

/// `atrium`: builds an InnerSource project catalogue from many repositories.
@main
struct Atrium: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atrium",
        abstract: "Build a static InnerSource project catalogue from many git repositories.",
        subcommands: [InitCommand.self, BuildCommand.self, ServeCommand.self, HarvestCommand.self, ExplainCommand.self,
                      CheckCommand.self, ExportCommand.self])

    /// Exit codes are part of the interface: 0 ok, 1 build failed, 2 usage error.
    static func main() async {
        // Ctrl-C or a CI's SIGTERM: git processes killed, staging removed, site untouched.
        Interruption.install()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            if code == .validationFailure {
                Foundation.exit(2)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
