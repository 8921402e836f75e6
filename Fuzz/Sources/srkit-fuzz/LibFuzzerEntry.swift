#if canImport(Glibc)
import Glibc
#endif

/// The target chosen at start-up; libFuzzer calls ``fuzzOneInput(_:_:)`` on one thread only.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

/// libFuzzer's start-up hook: picks the target named by the first non-flag argument
/// (`srkit-fuzz png corpus/ -max_total_time=30`) or by `SRKIT_FUZZ_TARGET`, and removes the name
/// from argv so libFuzzer does not take it for a corpus folder. The name is also exported in
/// `SRKIT_FUZZ_TARGET` because libFuzzer re-executes itself with the remaining arguments for
/// `-fork`, `-jobs`, `-minimize_crash` and `-merge`.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> Int32 {
    var name: String?
    let count = Int(argc.pointee)
    let args = argv.pointee
    if count > 1, let first = args[1], first.pointee != UInt8(ascii: "-"), let target = FuzzTargetRegistry.target(named: String(cString: first)) {
        name = target.name
        for i in 1 ..< count { args[i] = args[i + 1] }   // argv[count] is the terminating NULL
        argc.pointee -= 1
    } else if let value = getenv("SRKIT_FUZZ_TARGET") {
        name = String(cString: value)
    }
    guard let name, let target = FuzzTargetRegistry.target(named: name) else {
        FuzzTargetRegistry.printUsage(unknown: name)
        exit(2)
    }
    setenv("SRKIT_FUZZ_TARGET", name, 1)
    ScratchSpace.prepare()
    target.setUp()
    selectedTarget = target
    return 0
}

/// libFuzzer's per-input hook: runs the selected target on a copy of the bytes. Readers must
/// throw on bad input; a trap, a sanitizer report, a leak, a timeout or running out of memory is
/// a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedTarget?.run(bytes)
    return 0
}
