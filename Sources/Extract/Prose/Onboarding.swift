import AtriumModel
import Markdown

/// The steps to a working development set-up: under headings about setting up, building and
/// testing, each fenced shell block with the sentence or list item that introduces it, and
/// numbered steps whose inline code is a command.
enum Onboarding {
    /// - Parameter projectNames: what the project is called (its repository, its title): in a
    ///   README, installing a released package of that name is a user's installation, not set-up.
    static func read(_ prose: ProseDocument, isContributingGuide: Bool, projectNames: [String] = []) -> [OnboardingStep] {
        var steps: [OnboardingStep] = []
        // A contribution guide is written for contributors: every section of it may hold set-up
        // commands, but for those about using, releasing or deploying. A README is mostly for
        // users: only its sections about setting up, building and testing do.
        for section in prose.sections where !section.isUnder(isUsageHeading) && !section.isUnder(isUpkeepHeading) {
            // Numbered steps without a command are set-up steps only under a set-up heading;
            // elsewhere in a guide they are its workflow ("open an issue, then a pull request").
            let setup = section.isUnder({ isSetupHeading($0, contributing: isContributingGuide) })
            // A README's "Getting started" or "Installation" is for contributors when what it
            // runs is a developer's: clone, install the dependencies, build, test — not
            // `npm install the-library` and a code sample.
            let general = !isContributingGuide && !setup && section.isUnder(isGeneralSetupHeading)
            // Any other section of a README is read by what it runs: a block that builds or
            // tests the project ("CMake options" with `cmake -D… ..`) is set-up wherever it is.
            let other = !isContributingGuide && !setup && !general
            var introduction: String?
            var found: [OnboardingStep] = []
            for block in section.blocks {
                collect(block, introduction: &introduction, inSetupSection: setup, prose: prose, into: &found)
            }
            found.removeAll { isNamedBeforeItsBlock($0, in: section) }
            if general && !found.contains(where: { $0.command.map(hasDeveloperCommand) ?? false }) { continue }
            if other { found.removeAll { !($0.command.map(buildsOrTests) ?? false) } }
            steps += found
        }
        // In a contribution guide the released package may be part of the set-up ("install
        // the CLI globally, then run the tests"); in a README it is the users' installation.
        let names = isContributingGuide ? [] : projectNames.map(packageStem).filter { $0.count >= 3 }
        return removingRepeats(steps.filter { step in step.command.map { !isWorkflowCommand($0) } ?? true },
                               leavingOut: { installsReleasedPackage($0, named: names) || runsTheProduct($0, named: names) })
    }

    /// `cargo install typos-cli`, `brew install publish`, `npm install @octokit/rest`: the
    /// project's own released package installed by name, as its users install it.
    static func installsReleasedPackage(_ command: String, named names: [String]) -> Bool {
        guard !names.isEmpty else { return false }
        let words = command.split(separator: " ").map(String.init)
        guard let verbIndex = words.firstIndex(where: { ["install", "add", "-S"].contains($0) }), verbIndex > 0,
              ["cargo", "brew", "npm", "yarn", "pnpm", "pip", "pip3", "pipx", "gem", "go", "conda", "pacman", "apt", "apt-get",
               "dnf", "snap", "choco", "scoop", "winget", "dotnet", "uv", "bun"].contains(words[words[0] == "sudo" ? 1 : 0])
        else { return false }
        let packages = words[(verbIndex + 1)...].filter { !$0.hasPrefix("-") }
        // The name whole, or as a part between hyphens (`typos-cli`, `cargo-deny`).
        func hyphenated(_ text: String) -> String { "-" + text.replacingOccurrences(of: "_", with: "-") + "-" }
        return !packages.isEmpty && packages.allSatisfy { package in
            let stem = hyphenated(packageStem(package))
            return names.contains { stem.includes(hyphenated($0)) }
        }
    }

    /// `skuba cluster init …`, `$GOPATH/bin/ledger help`: the project's own program run, as
    /// its README shows its users (CONVENTIONS.md: usage examples are no set-up).
    static func runsTheProduct(_ command: String, named names: [String]) -> Bool {
        guard !names.isEmpty, let program = command.split(separator: " ").first(where: { !$0.contains("=") }) else {
            return false
        }
        let name = program.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return names.contains(name)
    }

    /// A package's name without its scope or owner, version, branch or language suffix:
    /// `@octokit/rest@19` and `octokit/rest.js#main` are `rest`.
    private static func packageStem(_ text: String) -> String {
        var name = Substring(text.lowercased())
        if let hash = name.firstIndex(of: "#") { name = name[..<hash] }
        if let at = name.dropFirst().firstIndex(of: "@") { name = name[..<at] }
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        for suffix in [".js", ".py", ".rb", ".swift", ".git"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        return String(name.filter { $0.isLetter || $0.isNumber || "-_".contains($0) })
    }

    /// A command the prose names and a code block of the same section then gives in full
    /// ("use `go get` as follows:" and `go get example.org/module@v2`) is that block's step.
    private static func isNamedBeforeItsBlock(_ step: OnboardingStep, in section: ProseDocument.Section) -> Bool {
        guard let command = step.command, !command.includes("\n") else { return false }
        let blockLines = section.blocks.flatMap { block in
            (block.kind == .codeBlock ? [block] : block.descendants.filter { $0.kind == .codeBlock })
                .flatMap { shellCommandLines($0)?.map { $0.command.collapsingWhitespace } ?? [] }
        }
        let named = command.collapsingWhitespace
        return !blockLines.contains(named) && blockLines.contains { $0.hasPrefix(named + " ") }
    }

    /// Each command once: a line already given by an earlier step is left out of a later one
    /// (a guide's `make`, `make test` after every platform's build), and what remains of a step
    /// is split where a line was taken out, so that every step's lines follow its first.
    static func removingRepeats(_ steps: [OnboardingStep], leavingOut isLeftOut: (String) -> Bool = { _ in false })
        -> [OnboardingStep] {
        var seen: Set<String> = []
        var kept: [OnboardingStep] = []
        for step in steps {
            guard let command = step.command else { kept.append(step); continue }
            var run: [String] = []
            var runStart = step.source.line
            var first = true
            func flush() {
                guard !run.isEmpty else { return }
                var source = step.source
                source.line = runStart
                kept.append(OnboardingStep(text: first ? step.text : "", command: run.joined(separator: "\n"), source: source))
                first = false
                run = []
            }
            for (offset, line) in command.split(separator: "\n").enumerated() {
                if !isLeftOut(String(line)), seen.insert(repeatKey(String(line))).inserted {
                    if run.isEmpty { runStart = step.source.line.map { $0 + offset } }
                    run.append(String(line))
                } else {
                    flush()
                }
            }
            flush()
        }
        return kept
    }

    /// A command as a reader compares it: spacing and a trailing `# comment` do not count.
    private static func repeatKey(_ line: String) -> String {
        var text = line.collapsingWhitespace
        if let comment = text.range(of: " # ") { text = String(text[..<comment.lowerBound]) }
        return text.trimmingCharacters(in: " ")
    }

    private static func collect(_ node: MarkdownNode, introduction: inout String?, inSetupSection: Bool,
                                prose: ProseDocument, into steps: inout [OnboardingStep]) {
        switch node.kind {
        case .paragraph:
            introduction = node.plainText.collapsingWhitespace
            // "Run `make check` before you push": inline code that has a command's shape.
            // A program with its arguments: "needs Go, Docker and `make`" names a tool, not a step.
            for command in inlineCommands(in: node, bareProgram: false) {
                steps.append(OnboardingStep(text: introduction ?? "", command: command,
                                            source: prose.source(prose.line(of: command, in: node))))
            }
        case .codeBlock:
            guard let commands = shellCommandLines(node) else { return }
            let firstLine = node.startLine + (isFenced(node, prose: prose) ? 1 : 0)
            // One step for each run of commands on consecutive lines, so that a step's n-th
            // command is on its n-th line; a comment or an output line between them starts a
            // new step, and so does a command continued over several lines.
            var run: [ShellLine] = []
            var text = introduction ?? ""
            func flush() {
                guard let start = run.first else { return }
                steps.append(OnboardingStep(text: text, command: run.map(\.command).joined(separator: "\n"),
                                            source: prose.source(firstLine + start.offset)))
                text = ""
                run = []
            }
            for line in commands {
                if let last = run.last, last.offset + last.lineCount != line.offset { flush() }
                run.append(line)
                if line.lineCount > 1 { flush() }
            }
            flush()
        case .list:
            let ordered = prose.lines.indices.contains(node.startLine - 1)
                && prose.lines[node.startLine - 1].trimmingCharacters(in: " \t").first?.isNumber == true
            for item in node.children where item.kind == .item {
                var itemIntroduction: String? = Acceptance.itemText(item)
                let before = steps.count
                for child in item.children where child.kind != .paragraph {
                    collect(child, introduction: &itemIntroduction, inSetupSection: inSetupSection, prose: prose,
                            into: &steps)
                }
                // "1. Run `make bootstrap`": the inline code is the command.
                if steps.count == before, let paragraph = item.children.first(where: { $0.kind == .paragraph }) {
                    // "Run tests using `pnpm dev` or `pnpm test`": each alternative is a command.
                    let commands = inlineCommands(in: paragraph, bareProgram: true)
                    for command in commands {
                        steps.append(OnboardingStep(text: itemIntroduction ?? "", command: command,
                                                    source: prose.source(prose.line(of: command, in: paragraph))))
                    }
                    if commands.isEmpty, ordered, inSetupSection, let text = itemIntroduction, !text.isEmpty {
                        steps.append(OnboardingStep(text: text, command: nil, source: prose.source(item.startLine)))
                    }
                }
            }
        case .blockQuote:
            for child in node.children {
                collect(child, introduction: &introduction, inSetupSection: inSetupSection, prose: prose, into: &steps)
            }
        default:
            break
        }
    }

    // MARK: - Commands

    /// The inline code of a paragraph that is a command: one with a command's shape, or any
    /// program the sentence tells the reader to run ("Run `slotscheck`", "run `eval $(…)`").
    /// - Parameter bareProgram: a known program alone (`make`) counts too, as in a list of steps.
    ///   In running prose (not a list of steps) a command counts only where its sentence tells
    ///   the reader to run or use it, and does not say it cannot: "e.g. in `go build`" or "we
    ///   update these using `go generate`" mention a command, they are no step.
    static func inlineCommands(in paragraph: MarkdownNode, bareProgram: Bool) -> [String] {
        var commands: [String] = []
        var before = ""
        var sentence = ""
        for node in paragraph.descendants {
            if node.kind == .text || node.kind == .softBreak {
                let text = (node.literal ?? " ").lowercased()
                before = text
                // Only a full stop in the piece, or one just before it, can start a new sentence.
                let endedWithStop = sentence.utf8.last.map(isStop) ?? false
                sentence += text
                if endedWithStop || text.utf8.contains(where: isStop) { sentence = lastSentence(of: sentence) }
                continue
            }
            guard node.kind == .code, let literal = node.literal?.trimmingCharacters(in: " ") else { continue }
            defer { before = ""; sentence += " " + literal + " " }
            let told = ["run ", "running ", "execute ", "executing ", "type ", "invoke "].contains { before.hasSuffix($0) }
            if (literal.includes(" ") || bareProgram) && looksLikeCommand(literal) && (bareProgram || before.hasSuffix(": ") || isInstruction(sentence))
                || told && isProgramCall(literal) {
                commands.append(literal)
            }
        }
        return commands
    }

    /// What follows the last full stop, question or exclamation mark of a text; the stops of
    /// "e.g." and "i.e." end no sentence.
    private static func lastSentence(of text: String) -> String {
        // On the bytes: every stop and space is ASCII, so each cut is between characters.
        let bytes = Array(text.utf8)
        var index = bytes.count - 1
        while index >= 0 {
            if isStop(bytes[index]), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: " "),
               !(index >= 2 && bytes[index - 2] == UInt8(ascii: ".")) {
                return String(decoding: bytes[(index + 1)...], as: UTF8.self)
            }
            index -= 1
        }
        return text
    }

    private static func isStop(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!")
    }

    /// Words of a sentence, up to a command, that tell the reader to run it.
    private static func isInstruction(_ sentence: String) -> Bool {
        let words = sentence.split(whereSeparator: { !$0.isLetter && $0 != "'" }).map(String.init)
        let verbs: Set<String> = ["run", "running", "execute", "executing", "type", "typing", "invoke", "use", "using",
                                  "try", "call", "enter", "issue", "do", "start", "build", "install", "test", "then"]
        let negations: Set<String> = ["not", "cannot", "can't", "don't", "never", "without"]
        return words.contains(where: verbs.contains) && !words.contains { negations.contains($0) || $0.hasSuffix("n't") }
    }

    /// A program's name first (`slotscheck`, `./run.sh`, `eval $(…)`), not a file (`setup.cfg`)
    /// or a value.
    private static func isProgramCall(_ text: String) -> Bool {
        guard let program = text.split(separator: " ").first, let first = program.first,
              first.isLetter || program.hasPrefix("./") else { return false }
        if !program.hasPrefix("./") && program.contains(".") { return false }
        return program.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
    }

    private static let shellLanguages: Set<String> = ["sh", "bash", "shell", "console", "zsh", "shell-session",
                                                      "shellsession", "powershell", "ps", "ps1", "pwsh", "cmd",
                                                      "bat", "fish", "terminal", "command", "commandline"]

    /// One command of a code block: its line in the block's text (from 0), and over how many
    /// lines it is written (`\\` continuations joined).
    struct ShellLine: Equatable {
        var offset: Int
        var lineCount: Int
        var command: String
    }

    /// The commands of a code block, one a line, or nil when it is not shell.
    static func shellCommand(_ block: MarkdownNode) -> String? {
        shellCommandLines(block).map { $0.map(\.command).joined(separator: "\n") }
    }

    /// The commands of a code block, or nil when it is not shell: prompts removed, output of
    /// console sessions dropped, comments and blank lines kept out.
    static func shellCommandLines(_ block: MarkdownNode) -> [ShellLine]? {
        let info = (block.fenceInfo ?? "").split(separator: " ").first.map { $0.lowercased() } ?? ""
        let literal = block.literal ?? ""
        let lines = literal.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: " \t\r")
        }
        // `$ make`, and `> vcbuild test` (Windows) when what follows is a command.
        func isPrompt(_ line: String) -> Bool {
            line.hasPrefix("$ ") || line.hasPrefix("PS> ")
                || (line.hasPrefix("> ") && looksLikeCommand(String(line.dropFirst(2))))
        }
        let prompted = lines.contains(where: isPrompt)
        let plain = ["", "text", "txt", "plain", "plaintext", "none"].contains(info)
        if !plain && !shellLanguages.contains(info) { return nil }
        if plain, !(lines.first.map(looksLikeCommand) ?? false) && !prompted { return nil }
        var commands: [ShellLine] = []
        for line in joiningContinuations(lines) where !line.text.isEmpty && !line.text.hasPrefix("#") {
            var command = line
            // A quoted or interpreter line (`> import eland`, `>>> x = 1`) that is no command.
            if line.text.hasPrefix(">") && !isPrompt(line.text) { continue }
            if isPrompt(line.text) {
                command.text = String(line.text.drop { $0 != " " }.dropFirst())
            } else if !prompted {
                // A block without a shell language holds commands only where a line has a
                // command's shape (not commit messages or branch names shown beside them);
                // a flag or a table line starting a line is output.
                if plain && !looksLikeCommand(line.text) { continue }
                if let first = line.text.first, "-|=+{}[]".contains(first) { continue }
            } else {
                continue
            }
            guard startsWithProgram(command.text) else { continue }
            commands.append(ShellLine(offset: command.offset, lineCount: command.lineCount, command: command.text))
        }
        // Bare names, one a line, that are not all programs: a list of packages, not commands.
        let texts = commands.map(\.command)
        if texts.allSatisfy({ !$0.includes(" ") }), texts.contains(where: { !commandWords.contains($0) && !$0.hasPrefix("./") }),
           texts.count > 1 {
            return nil
        }
        return commands.isEmpty ? nil : commands
    }

    /// A command starts with a program, a path or a variable: not a commit message
    /// (`fix(api): …`), a branch (`jdoe/fix/#80`) or program source (`df = ed.DataFrame(…)`,
    /// `print(x)`), which code blocks show beside commands.
    static func startsWithProgram(_ text: String) -> Bool {
        let words = text.split(separator: " ", maxSplits: 2)
        guard let first = words.first else { return false }
        if words.count > 1, words[1] == "=" || words[1] == "+=" { return false }
        if first.hasPrefix("$(") || first.hasPrefix("(") || first.hasPrefix("{") { return true }
        return !first.contains("(") && !first.contains("#") && !(first.hasSuffix(":") && words.count > 1)
    }

    /// A line that ends in `\\` goes on on the next: one command, its pieces joined by a space.
    static func joiningContinuations(_ lines: [String]) -> [(text: String, offset: Int, lineCount: Int)] {
        var joined: [(text: String, offset: Int, lineCount: Int)] = []
        var pending: (text: String, offset: Int)?
        for (offset, line) in lines.enumerated() {
            let start = pending?.offset ?? offset
            let piece = pending.map { $0.text + " " + line } ?? line
            if piece.hasSuffix("\\") && !piece.hasSuffix("\\\\") {
                pending = (String(piece.dropLast()).trimmingCharacters(in: " \t"), start)
            } else {
                pending = nil
                joined.append((piece, start, offset - start + 1))
            }
        }
        if let pending { joined.append((pending.text, pending.offset, lines.count - pending.offset)) }
        return joined
    }

    private static let commandWords: Set<String> = [
        "make", "npm", "npx", "yarn", "pnpm", "node", "go", "cargo", "rustup", "pip", "pip3", "pipx", "python",
        "python3", "poetry", "uv", "tox", "nox", "pytest", "git", "docker", "docker-compose", "podman", "kubectl",
        "helm", "swift", "xcodebuild", "mvn", "gradle", "./gradlew", "gradlew", "bundle", "bundler", "rake",
        "rails", "gem", "brew", "apt", "apt-get", "sudo", "cd", "export", "source", "dotnet", "nuget", "composer",
        "php", "java", "javac", "cmake", "ninja", "bazel", "just", "task", "deno", "bun", "mix", "rebar3",
        "conda", "virtualenv", "curl", "wget", "terraform", "ansible", "sbt", "lein", "stack", "cabal", "dune",
        "opam", "mkdir", "cp", "mv", "pre-commit", "hugo", "zola", "jekyll", "mdbook", "x", "./x", "./x.py",
        "code", "scripts/bootstrap", "meson", "flutter", "dart", "ruby", "perl", "R", "Rscript", "corepack", "nvm",
        "vcbuild", "nmake", "msbuild", "ctest", "xmake", "hatch", "pdm", "mise", "asdf",
    ]

    static func looksLikeCommand(_ text: String) -> Bool {
        var words = text.trimmingCharacters(in: " \t$").split(separator: " ")
        // `RUSTDOCFLAGS="-D warnings" cargo doc`: environment assignments come before the command.
        while let word = words.first, let equals = word.firstIndex(of: "="), equals > word.startIndex,
              word[..<equals].allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }) {
            words.removeFirst()
            if word.contains("\"") && word.filter({ $0 == "\"" }).count == 1 {
                while let next = words.first, !next.contains("\"") { words.removeFirst() }
                if !words.isEmpty { words.removeFirst() }
            }
        }
        let trimmed = words.joined(separator: " ")
        guard let first = words.first.map(String.init) else { return false }
        if first.hasPrefix("./") || first.hasPrefix("scripts/") || first.hasPrefix("bin/") { return true }
        return commandWords.contains(first) && (trimmed.includes(" ") || ["make", "yarn", "npm"].contains(first))
    }

    private static func isFenced(_ block: MarkdownNode, prose: ProseDocument) -> Bool {
        guard prose.lines.indices.contains(block.startLine - 1) else { return false }
        let first = prose.lines[block.startLine - 1].trimmingCharacters(in: " \t>")
        return first.hasPrefix("```") || first.hasPrefix("~~~")
    }

    // MARK: - Headings

    static func isSetupHeading(_ heading: String, contributing: Bool) -> Bool {
        let developer = ["development", "developing", "local setup", "set up your", "setting up", "dev setup",
                         "environment", "build from source", "building from source", "building", "build and test",
                         "running tests", "running the tests", "run the tests", "testing locally", "running locally",
                         "run locally", "hacking", "prerequisites", "contributing code", "working on", "bootstrap",
                         "get the code", "clone", "local environment", "toolchain", "compiling", "how to build"]
            // The same in the other languages guides are written in.
            + ["sviluppo", "ambiente", "impostare", "compilazione", "entwicklung", "einrichtung", "umgebung", "bauen",
               "kompilieren", "développement", "developpement", "environnement", "compilation", "desarrollo", "entorno",
               "compilación", "desenvolvimento", "開発", "環境", "ビルド", "开发", "环境", "构建", "編譯", "开发环境"]
        if developer.contains(where: { heading.includes($0) }) { return true }
        // "Requirements and setup" in a README is the repository's own set-up.
        if !contributing && (heading.includes("setup") || heading.includes("set up")) { return true }
        // In a contribution guide, "Getting started" and "Setup" are for contributors; in a
        // README they are usually for the library's users.
        let general = ["getting started", "get started", "setup", "set up", "installation", "install", "quick start",
                       "quickstart", "first steps", "test", "fork", "build", "installazione", "instalación", "instalação",
                       "primi passi", "premiers pas", "erste schritte", "セットアップ", "インストール", "テスト", "安装", "测试"]
        return contributing && general.contains { heading.includes($0) }
    }

    static func isGeneralSetupHeading(_ heading: String) -> Bool {
        ["getting started", "get started", "installation", "install", "quick start", "quickstart", "first steps", "build",
         "test"].contains { heading.includes($0) }
    }

    /// Whether a command (one a line) sets up a development copy: gets the code, installs the
    /// project's own dependencies (no package named), builds or runs the tests.
    static func hasDeveloperCommand(_ command: String) -> Bool {
        command.split(separator: "\n").contains { line in
            let words = line.split(separator: " ").map(String.init)
            guard let program = words.first else { return false }
            let rest = Array(words.dropFirst())
            let verb = rest.first ?? ""
            if program == "git" { return verb == "clone" }
            let testOrBuild = ["test", "build", "check", "lint", "compile", "verify", "dev"]
            switch program {
            case "npm", "yarn", "pnpm", "bun":
                // `npm install` of the project itself; `npm install left-pad` is a user's.
                if ["install", "i", "ci"].contains(verb) { return rest.count == 1 || rest.dropFirst().allSatisfy { $0.hasPrefix("-") } }
                return rest.isEmpty || testOrBuild.contains(verb) || (verb == "run" && rest.count > 1)
            case "pip", "pip3":
                return verb == "install" && rest.dropFirst().contains { $0 == "-e" || $0 == "-r" || $0 == "." || $0.hasPrefix("--editable") }
            case "make", "cmake", "ninja", "meson", "./configure", "tox", "nox", "pytest", "ctest", "./gradlew", "gradle", "mvn", "bazel":
                return true
            case "cargo", "go", "swift", "dotnet", "mix", "deno", "poetry", "uv", "hatch", "pdm", "bundle", "composer", "rake", "flutter", "dart":
                // `cargo install ripgrep` and `go install example.org/tool@latest` install a
                // released tool; `cargo install --path .` and `go install ./...` build this one.
                if verb == "install" && ["cargo", "go"].contains(program) {
                    return rest.dropFirst().contains { $0 == "--path" || $0 == "." || $0.hasPrefix("./") }
                }
                return testOrBuild.contains(verb) || ["install", "sync", "bootstrap", "generate", "mod", "restore", "exec", "run"].contains(verb)
            default:
                return program.hasPrefix("./") || program.hasPrefix("scripts/")
            }
        }
    }

    /// Whether a command configures, builds or tests the project itself: `cmake ..`, `make`,
    /// `make test`, `cargo build` — not a make target of the project's own tasks (`make render`).
    static func buildsOrTests(_ command: String) -> Bool {
        command.split(separator: "\n").contains { line in
            let words = line.split(separator: " ").map(String.init).drop { word in
                word.contains("=") && word.first?.isUppercase == true
            }
            guard let program = words.first else { return false }
            let verb = words.dropFirst().first { !$0.hasPrefix("-") && !$0.contains("=") }
            switch program {
            case "cmake", "meson", "ninja", "ctest", "./configure", "../configure", "./autogen.sh", "autoreconf":
                return true
            case "make", "nmake", "gmake":
                return verb.map { ["test", "check", "all", "build", "install"].contains($0) } ?? true
            default:
                return ["test", "build", "check"].contains(verb ?? "") && hasDeveloperCommand(String(line))
            }
        }
    }

    /// Keeping the dependencies up to date is a task of one kind of change, done after the
    /// set-up ("External dependencies", "Adding dependencies").
    static func isUpkeepHeading(_ heading: String) -> Bool {
        guard heading.includes("dependenc") else { return false }
        // Not "Installing and updating dependencies", which is the set-up itself.
        return ["external", "adding", "add a", "add new", "upgrading", "bump"]
            .contains { heading.includes($0) }
    }

    static func isUsageHeading(_ heading: String) -> Bool {
        usageHeadingWords.contains { heading.includes($0) }
    }

    private static let usageHeadingWords = ["usage", "example", "api reference", "configuration reference", "deploy", "releas",
                                            "publishing", "changelog", "versioning"]
        // The same in the other languages guides are written in.
        + ["utilisation", "utilizzo", "verwendung", "benutzung", "beispiel", "exemple", "esempio", "ejemplo", "déploiement",
           "deploiement", "mise en production", "bereitstellung", "despliegue", "implantação", "rilascio", "veröffentlich",
           "使い方", "使用方法", "用法", "デプロイ", "リリース", "部署", "发布"]

    /// Git's everyday workflow (branch, commit, push, rebase) comes after the set-up, not in it:
    /// of git, only getting the code counts.
    static func isWorkflowCommand(_ command: String) -> Bool {
        let words = command.split(separator: " ")
        guard words.first == "git", words.count > 1 else { return false }
        return !["clone", "submodule", "lfs", "config"].contains(words[1])
    }
}
