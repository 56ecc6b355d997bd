import Foundation
import NetReady

/// Loads TARGET arguments (files, directories, profile names, probe URIs) for any subcommand,
/// turning a bad target file into exit code 2 with file:line:column.
enum TargetArguments {
    /// The built-in default when no TARGET is given.
    static let defaultProfile = "playbooks"

    static func load(_ arguments: [String]) throws -> [TargetFile] {
        do {
            return try TargetLoader.load(
                arguments: arguments.isEmpty ? [defaultProfile] : arguments,
                profiles: ShippedProfiles.all,
                environment: ProcessInfo.processInfo.environment)
        } catch let error as TargetFileError {
            throw CommandFailure.usage(error.description)
        }
    }
}
