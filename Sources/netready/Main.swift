import ArgumentParser
import Foundation
import NetReady

/// Entry point: runs the command line and maps ArgumentParser's usage errors to SPEC's exit code 2.
@main
enum Main {
    static func main() async {
        // A peer that goes away while netready writes to it must give EPIPE, never kill the process: sockets send
        // with MSG_NOSIGNAL, but OpenSSL's and the serve loop's writes, and stdout into a closed pipe, do not.
        _ = signal(SIGPIPE, SIG_IGN)
        do {
            var command = try NetReadyCommand.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CommandFailure {
            FileHandle.standardError.writeIfPossible(error.message + "\n")
            exit(error.exitCode)
        } catch {
            let code = NetReadyCommand.exitCode(for: error)
            if code == .validationFailure {
                // SPEC: bad usage exits 2 (ArgumentParser's own default is 64).
                FileHandle.standardError.writeIfPossible(NetReadyCommand.fullMessage(for: error) + "\n")
                exit(ExitStatus.usage)
            }
            NetReadyCommand.exit(withError: error)
        }
    }
}

/// The exit codes of SPEC.md.
enum ExitStatus {
    static let ready: Int32 = 0
    static let notReady: Int32 = 1
    static let usage: Int32 = 2
    static let toolFailure: Int32 = 3
}

/// An error that ends the command with a message on stderr and a SPEC exit code.
struct CommandFailure: Error {
    let message: String
    let exitCode: Int32

    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: ExitStatus.usage)
    }
    static func tool(_ message: String) -> CommandFailure {
        CommandFailure(message: "netready: \(message)", exitCode: ExitStatus.toolFailure)
    }
}

/// `netready`: network readiness for cloud telephony and CRM rollouts.
struct NetReadyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netready",
        abstract: "Checks that a network can reach everything a cloud dialer / WebRTC telephony product needs.",
        discussion: """
            Exit codes: 0 ready or degraded, 1 not ready (a required probe failed), \
            2 bad usage or bad target file, 3 netready itself failed.
            """,
        version: ReportBuilder.version,
        subcommands: [
            Check.self, EgressCommand.self, Targets.self, ReportCommand.self, DiffCommand.self, ServeCommand.self,
            TraceCommand.self, ResponderCommand.self,
        ]
    )
}
