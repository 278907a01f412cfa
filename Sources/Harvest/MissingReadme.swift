import AtriumModel

extension Diagnostic {
    /// A repository with no README at all (one that was refused is reported for that instead).
    static func missingReadme(repository: String) -> Diagnostic {
        .warning(repository: repository, "no README found; the catalogue shows the repository without a description")
    }
}
