import Foundation
import NetReady

/// Loads TARGET arguments (files, directories, profile names, probe URIs) for any subcommand,
/// turning a bad target file into exit code 2 with file:line:column.
enum TargetArguments {
    /// The built-in default when no TARGET is given.
    static let defaultProfile = "playbooks"

    static func load(_ arguments: [String]) throws -> [TargetFile] {
        let arguments = arguments.isEmpty ? [defaultProfile] : arguments
        let located = Result { () throws(ShippedProfilesNotFound) -> ShippedProfiles in try ShippedProfiles.locate() }
        if case .failure(let missing) = located {
            // Files and probe URIs load without the shipped profiles; anything else may be a profile name, and
            // a missing installation is netready's failure (exit 3), not the user's.
            let needsProfiles = arguments.contains { !FileManager.default.fileExists(atPath: $0) && !$0.contains(":") }
            if needsProfiles { throw CommandFailure.tool(missing.description) }
        }
        let profiles = (try? located.get())?.all ?? [:]
        let loaded = Result { () throws(TargetFileError) -> [TargetFile] in
            try TargetLoader.load(
                arguments: arguments, profiles: profiles, environment: ProcessInfo.processInfo.environment)
        }
        switch loaded {
        case .success(let files): return files
        case .failure(let error): throw CommandFailure.usage(error.description)
        }
    }

}
