import Dispatch
import Foundation

/// Splits the rows of a resampling pass into contiguous chunks run on all cores.
///
/// Each output value is computed by the same instructions whatever the chunking, so the thread
/// count never changes a byte (STYLE rule 12); chunking only decides who computes which rows.
enum RowParallel {
    /// Below this many multiply-adds a pass runs on the calling thread: waking the pool costs
    /// more than the work (a 64x64 thumbnail, a unit test's 4x4 ramp).
    static let serialThreshold = 1 << 16

    /// Calls `body` with disjoint ranges covering `0..<rows`, in parallel when
    /// `rows * workPerRow` is large enough. `body` must only write rows in its range.
    static func forEachChunk(rows: Int, workPerRow: Int, _ body: (Range<Int>) -> Void) {
        guard rows > 0 else { return }
        let cores = ProcessorCount.active
        if cores <= 1 || rows < 2 || rows.multipliedReportingOverflow(by: workPerRow).partialValue < serialThreshold {
            body(0..<rows)
            return
        }
        // A few chunks per core balance uneven cores without shrinking chunks below a few rows.
        let chunks = min(rows, cores * 4)
        let perChunk = (rows + chunks - 1) / chunks
        let count = (rows + perChunk - 1) / perChunk
        run(count: count) { chunk in
            let start = chunk * perChunk
            body(start..<min(rows, start + perChunk))
        }
    }
}

extension RowParallel {
    /// Calls `body` with disjoint bands covering `0..<rows`, each a multiple of `alignment`
    /// rows except the last, in one parallel region: one band per core when `work` (multiply-adds
    /// in all) is small, so a sub-millisecond resize wakes the pool once; a few per core when it
    /// is large, to balance cores slowed by other load. `body` must only write its rows.
    static func forEachBand(rows: Int, work: Int, alignment: Int, _ body: (Range<Int>) -> Void) {
        guard rows > 0 else { return }
        let cores = ProcessorCount.active
        let units = (rows + alignment - 1) / alignment
        if cores <= 1 || units < 2 || work < serialThreshold {
            body(0..<rows)
            return
        }
        let bands = min(units, work < 1 << 24 ? cores : cores * 4)
        let perBand = (units + bands - 1) / bands * alignment
        let count = (rows + perBand - 1) / perBand
        run(count: count) { band in
            let start = band * perBand
            body(start..<min(rows, start + perBand))
        }
    }

    /// Runs `task(0)`…`task(count - 1)` on `WorkerPool.shared`, whose workers spin briefly
    /// between regions and so are awake for back-to-back passes. When the pool is busy (another
    /// thread's resize, or a nested call from one of its tasks) the region goes to
    /// `concurrentPerform` instead of waiting, so callers never queue behind each other.
    private static func run(count: Int, _ task: (Int) -> Void) {
        if let pool = WorkerPool.shared, pool.run(tasks: count, task) { return }
        withoutActuallyEscaping(task) { task in
            let box = UncheckedSendableBox(task)
            DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
        }
    }
}

/// Carries a non-`Sendable` closure into `concurrentPerform` (the fallback when the pool is
/// busy); safe because every chunk writes disjoint rows and the call returns only after all
/// chunks finished.
private struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The active processor count, read once; sizes `RowParallel`'s chunks and `WorkerPool`.
enum ProcessorCount {
    static let active: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
