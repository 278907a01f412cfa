import Foundation

/// `atrium init DIR`: a new catalogue site from the starter that ships with Atrium (a site
/// configuration, a repository list with commented examples, a page and one sample
/// repository), ready to build at once.
public enum SiteStarter {
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    public struct Result: Sendable {
        /// Paths relative to the new site, sorted.
        public var written: [String]
        /// Files that were there already and were left as they were (with `force`).
        public var kept: [String]
    }

    /// Copies the starter into `directory`, creating it. A folder that has anything in it is
    /// refused unless `force`; then existing files are kept, never overwritten.
    public static func create(at directory: String, from starter: String, force: Bool) throws -> Result {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw Refusal(description: "\(directory) exists and is not a folder") }
            let entries = try manager.contentsOfDirectory(atPath: directory)
            if !entries.isEmpty && !force {
                throw Refusal(description: "\(directory) is not empty; choose an empty or new folder, or pass --force "
                    + "to add the starter files that are missing (existing files are kept)")
            }
        }
        var result = Result(written: [], kept: [])
        for file in files(under: starter) {
            // Shipped without the dot, so that the starter does not ignore its own files.
            let target = file == "gitignore" ? ".gitignore" : file
            let destination = directory + "/" + target
            if manager.fileExists(atPath: destination) {
                result.kept.append(target)
                continue
            }
            try manager.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                        withIntermediateDirectories: true)
            try manager.copyItem(atPath: starter + "/" + file, toPath: destination)
            result.written.append(target)
        }
        result.written.sort()
        result.kept.sort()
        return result
    }

    /// Regular files below `root`, relative, sorted.
    static func files(under root: String) -> [String] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let path = enumerator.nextObject() as? String {
            if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { found.append(path) }
        }
        return found.sorted()
    }
}
