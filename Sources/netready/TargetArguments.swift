import Foundation
import NetReady

/// Loads TARGET arguments (files, directories, profile names, probe URIs) for any subcommand,
/// turning a bad target file into exit code 2 with file:line:column.
enum TargetArguments {
    /// The built-in default when no TARGET is given.
    static let defaultProfile = "playbooks"

    /// - Parameter allowingMissingEnvironment: stand a placeholder in for every `${NAME}` in `username:` and
    ///   `credential:` that is unset or empty, so files can be linted and shown without their secrets (`targets
    ///   validate --allow-missing-env`, `targets show`). Never for a run: a probe must not run with a blank secret.
    ///   (An unset `${NAME}` in a URI never fails a file: that probe is reported as `skip`, naming it.)
    static func load(_ arguments: [String], allowingMissingEnvironment: Bool = false) throws -> [TargetFile] {
        let arguments = arguments.isEmpty ? [defaultProfile] : arguments
        let profiles = try shippedProfiles(for: arguments)
        do throws(TargetFileError) {
            return try TargetLoader.load(
                arguments: arguments, profiles: profiles, environment: ProcessInfo.processInfo.environment,
                allowingMissingSecrets: allowingMissingEnvironment)
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
}
