import Foundation

/// Finds the folders Atrium ships beside its binary: the default theme (`Templates/`) and the
/// starter site of `atrium init` (`Starter/`). An environment variable names each explicitly;
/// else a folder of that name beside or above the executable (a build inside a checkout), else
/// `share/atrium/<name>` of an installation.
public enum ThemeLocator {
    public static func defaultTheme(environment: [String: String] = ProcessInfo.processInfo.environment,
                                    executable: String = CommandLine.arguments[0]) -> String? {
        folder("Templates", marker: "layout.mustache", variable: "ATRIUM_THEME", environment: environment,
               executable: executable)
    }

    public static func starterSite(environment: [String: String] = ProcessInfo.processInfo.environment,
                                   executable: String = CommandLine.arguments[0]) -> String? {
        folder("Starter", marker: "content/site.yml", variable: "ATRIUM_STARTER", environment: environment,
               executable: executable)
    }

    static func folder(_ name: String, marker: String, variable: String, environment: [String: String],
                       executable: String) -> String? {
        func has(_ folder: String) -> Bool { FileManager.default.fileExists(atPath: folder + "/" + marker) }
        if let explicit = environment[variable], has(explicit) { return explicit }
        let executablePath = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        var folder = executablePath.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/atrium/" + name).path
        if has(installed) { return installed }
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent(name).path
            if has(candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}
