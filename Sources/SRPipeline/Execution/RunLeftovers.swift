import Foundation
import SRShards

/// The leftovers of killed `prep run`s that a new run removes before it starts: staging folders
/// of the shard writer beside (or, from older versions, inside) the output, and shuffle scratch
/// files in the scratch folder — only those a dead run on this host made (``LeftoverSweeper``).
public enum RunLeftovers {
    /// Removes the leftovers for a run writing to `output` with scratch in `scratch`, and
    /// returns one line per removed item for the user, e.g.
    /// `removed /data/.prep-shuffle-4242-h1a2b3c4d-9f: left by a killed run (pid 4242)`.
    public static func sweep(output: URL, scratch: URL) -> [String] {
        let removed = LeftoverSweeper.sweepDataset(output: output)
            + LeftoverSweeper.sweep([scratch], prefixes: [ShuffleSpill.prefix])
        return removed.map(describe)
    }

    /// The staging folders of killed writers beside `output` (`prep merge`, which has no scratch
    /// file), in the same words as ``sweep(output:scratch:)``.
    public static func sweepDataset(output: URL) -> [String] {
        LeftoverSweeper.sweepDataset(output: output).map(describe)
    }

    /// The line printed for one removed leftover.
    private static func describe(_ leftover: LeftoverSweeper.Removed) -> String {
        "removed \(leftover.path): left by a killed run (pid \(leftover.pid))"
    }

    /// Makes SIGINT, SIGTERM and SIGHUP remove the run's staging folder and scratch file before
    /// the process dies of the signal (for executables; libraries never change signal handling).
    public static func removeOnInterrupt() {
        InterruptCleanup.shared.installHandlers()
    }
}
