import AtriumModel

/// Owners and Trusted Committers from the ownership files: CODEOWNERS (the catch-all rule's
/// owners own the repository), Kubernetes OWNERS (approvers are Trusted Committers), and
/// MAINTAINERS-style lists.
struct Ownership {
    var owners: [Person] = []
    var trustedCommitters: [Person] = []
    var diagnostics: [Diagnostic] = []

    static func read(_ snapshot: RepositorySnapshot) -> Ownership {
        var ownership = Ownership()
        if let file = snapshot.file(.codeowners) {
            let codeOwners = CodeOwners(file.text)
            for problem in codeOwners.problems {
                ownership.diagnostics.append(.warning(repository: snapshot.name, file: file.path, line: problem.line,
                                                      problem.message))
            }
            // With no catch-all rule, no one owns the whole: the area owners together are whom
            // a contributor asks (CONVENTIONS.md).
            let catchAll = codeOwners.catchAllRules
            var seen: Set<String> = []
            let rules = catchAll.isEmpty ? codeOwners.rules : catchAll
            for rule in rules {
                for owner in rule.owners where catchAll.isEmpty ? seen.insert(owner.lowercased()).inserted : true {
                    ownership.owners.append(Person(handle: owner, kind: owner.includes("/") ? .team : .person,
                                                   role: "codeowner",
                                                   source: SourceLocation(file: file.path, line: rule.line)))
                }
            }
        }
        if let file = snapshot.file(.owners) {
            if file.isMarkdown {
                ownership.trustedCommitters += MaintainersFile.people(in: file)
            } else {
                do {
                    let owners = try KubernetesOwners(owners: file, aliases: snapshot.file(.ownersAliases))
                    ownership.trustedCommitters += owners.approvers.map {
                        Person(handle: $0.handle, kind: .person, role: "approver", source: $0.source)
                    }
                    // Reviewers review but do not approve: listed after the approvers, by role.
                    ownership.trustedCommitters += owners.reviewers.map {
                        Person(handle: $0.handle, kind: .person, role: "reviewer", source: $0.source)
                    }
                } catch let problem as YAMLProblem {
                    ownership.diagnostics.append(.error(repository: snapshot.name, file: problem.file, line: problem.line,
                                                        "\(problem.message); its facts are ignored"))
                } catch {
                    ownership.diagnostics.append(.error(repository: snapshot.name, file: file.path, "\(error)"))
                }
            }
        }
        if let file = snapshot.file(.maintainers) {
            ownership.trustedCommitters += MaintainersFile.people(in: file)
        }
        return ownership
    }
}
