import Foundation
import NetReady

/// Loads TARGET arguments (files, directories, profile names, probe URIs) for any subcommand,
/// turning a bad target file into exit code 2 with file:line:column.
enum TargetArguments {
    /// The built-in default when no TARGET is given.
    static let defaultProfile = "playbooks"

    /// - Parameter allowingMissingEnvironment: stand a placeholder in for every `${NAME}` the files reference
    ///   that is unset or empty, so files can be linted and shown without their secrets (`targets validate
    ///   --allow-missing-env`, `targets show`). Never for a run: a probe must not run with a blank secret.
    static func load(_ arguments: [String], allowingMissingEnvironment: Bool = false) throws -> [TargetFile] {
        let arguments = arguments.isEmpty ? [defaultProfile] : arguments
        var environment = ProcessInfo.processInfo.environment
        if allowingMissingEnvironment {
            for name in referencedVariables(in: arguments) where (environment[name] ?? "").isEmpty {
                environment[name] = placeholder(for: name)
            }
        }
        do throws(TargetFileError) {
            return try TargetLoader.load(arguments: arguments, profiles: ShippedProfiles.all, environment: environment)
        } catch {
            throw CommandFailure.usage(error.description)
        }
    }

    /// What stands in for an unset variable: recognisable, and valid wherever a host name or secret may go.
    static func placeholder(for name: String) -> String {
        "unset-" + name.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// Every `${NAME}` written in the target files, directories and profiles among the arguments.
    private static func referencedVariables(in arguments: [String]) -> Set<String> {
        var texts: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                let paths = isDirectory.boolValue ? ((try? TargetLoader.yamlFiles(inDirectory: argument)) ?? []) : [argument]
                texts += paths.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            } else if let profile = ShippedProfiles.all[argument] {
                texts.append(profile)
            }
        }
        var names = Set<String>()
        for text in texts {
            for match in text.matches(of: /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/) { names.insert(String(match.1)) }
        }
        return names
    }
}
