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
        let profiles = try shippedProfiles(for: arguments)
        var environment = ProcessInfo.processInfo.environment
        if allowingMissingEnvironment {
            for name in referencedVariables(in: arguments, profiles: profiles) where (environment[name] ?? "").isEmpty {
                environment[name] = placeholder(for: name)
            }
        }
        do throws(TargetFileError) {
            return try TargetLoader.load(arguments: arguments, profiles: profiles, environment: environment)
        } catch {
            throw CommandFailure.usage(error.description)
        }
    }

    /// The shipped profiles. Files and probe URIs load without them; when they are not installed and an argument
    /// may be a profile name, that is netready's failure (exit 3, naming the paths tried), not the user's.
    private static func shippedProfiles(for arguments: [String]) throws -> [String: String] {
        let located = Result { () throws(ShippedProfilesNotFound) -> ShippedProfiles in try ShippedProfiles.locate() }
        if case .failure(let missing) = located {
            let needsProfiles = arguments.contains { !FileManager.default.fileExists(atPath: $0) && !$0.contains(":") }
            if needsProfiles { throw CommandFailure.tool(missing.description) }
        }
        return (try? located.get())?.all ?? [:]
    }

    /// What stands in for an unset variable: recognisable, and valid wherever a host name or secret may go.
    static func placeholder(for name: String) -> String {
        "unset-" + name.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// Every `${NAME}` written in the target files, directories and profiles among the arguments.
    private static func referencedVariables(in arguments: [String], profiles: [String: String]) -> Set<String> {
        var texts: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                let paths =
                    isDirectory.boolValue ? ((try? TargetLoader.yamlFiles(inDirectory: argument)) ?? []) : [argument]
                texts += paths.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            } else if let profile = profiles[argument] {
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
