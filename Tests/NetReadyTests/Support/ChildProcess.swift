import Foundation

/// Starts child processes for tests with default signal handling.
///
/// Test runner and Dispatch threads block and ignore signals; a child inherits that mask and
/// those dispositions across exec, so `timeout` could no longer stop what it runs (seen: an
/// `openssl s_client` under `timeout 2` running for minutes). Every child therefore starts
/// through perl, which clears the mask and restores default handlers before exec.
enum ChildProcess {
    static let resetSignals = [
        "/usr/bin/perl", "-e",
        #"use POSIX; sigprocmask(SIG_SETMASK, POSIX::SigSet->new); $SIG{$_} = "DEFAULT" for qw(INT TERM PIPE HUP QUIT); exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!\n";"#,
    ]

    /// A `Process` that runs `executable arguments...` with signals reset.
    static func make(_ executable: String, _ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: resetSignals[0])
        process.arguments = Array(resetSignals.dropFirst()) + [executable] + arguments
        return process
    }
}
