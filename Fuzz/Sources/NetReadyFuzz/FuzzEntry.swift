import Foundation

/// The libFuzzer entry points. One binary holds every target; `NETREADY_FUZZ_TARGET` picks the one
/// a run exercises (scripts/fuzz sets it), so the instrumented package is linked once, not per target.
enum FuzzEntry {
    /// The target chosen for this process, resolved once in `LLVMFuzzerInitialize`.
    nonisolated(unsafe) static var target: FuzzTarget?
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>
) -> CInt {
    let name = ProcessInfo.processInfo.environment["NETREADY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget.all.first(where: { $0.name == name }) else {
        let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
        FileHandle.standardError.write(Data("set NETREADY_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    FuzzEntry.target = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    FuzzEntry.target?.run(bytes)
    return 0
}
