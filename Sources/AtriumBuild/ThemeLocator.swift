import Foundation

/// Finds the default theme: `ATRIUM_THEME`, else a `Templates/` folder beside or above the
/// executable (a build inside a checkout), else `share/atrium/Templates` of an installation.
public enum ThemeLocator {
    public static func defaultTheme(environment: [String: String] = ProcessInfo.processInfo.environment,
                                    executable: String = CommandLine.arguments[0]) -> String? {
        if let explicit = environment["ATRIUM_THEME"], isTheme(explicit) { return explicit }
        let executablePath = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        var folder = executablePath.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/atrium/Templates").path
        if isTheme(installed) { return installed }
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Templates").path
            if isTheme(candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    static func isTheme(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: folder + "/layout.mustache")
    }
}
