/// One fuzz target: a reader fed arbitrary bytes. `run` must return normally whatever the bytes;
/// it swallows the reader's typed errors (refusing bad input is the reader's job) and checks with
/// ``FuzzCheck`` what an accepted input must satisfy, so a misread is a crash too.
struct FuzzTarget: Sendable {
    /// The name given on the command line (`png`, `shard-index`, …) and the corpus folder's name.
    let name: String
    /// One line for `srkit-fuzz` without arguments and for Fuzz/README.md.
    let summary: String
    /// Called once before the first input (fixed files the target needs).
    var setUp: @Sendable () -> Void = {}
    /// Called for each input.
    let run: @Sendable ([UInt8]) -> Void
}

/// Invariants an accepted input must satisfy. A violation traps with the message, so libFuzzer
/// records the input as a crash: a reader that returns wrong-sized data is as bad as one that traps.
enum FuzzCheck {
    static func that(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz invariant violated: \(message())") }
    }
}
