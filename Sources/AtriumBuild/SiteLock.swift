import SafeFiles

/// `.atrium/lock`: one build or harvest of a site at a time. Two at once (two CI jobs, a
/// person's build beside `serve`) would each replace the other's build cache and harvest
/// files under it; the second one waits for the first instead, and says so on a terminal.
enum SiteLock {
    /// The lock, once held; nil, with the reason as a warning, when it cannot be made (a
    /// read-only site folder): such a build cannot save a cache either, so it goes on.
    static func acquire(site: String, progress: BuildProgress) async -> (FileLock?, problem: String?) {
        let path = site + "/.atrium/lock"
        do {
            let lock = try await FileLock.acquire(path, foldersBelow: site) {
                progress.report(.waiting(.loadSite, reason: "waiting for another build of this site to finish (.atrium/lock)"))
            }
            return (lock, nil)
        } catch {
            return (nil, "build lock: .atrium/lock: \(error.reason); built without it")
        }
    }
}
