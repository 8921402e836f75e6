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
        let cores = ProcessInfoCores.count
        if cores <= 1 || rows < 2 || rows.multipliedReportingOverflow(by: workPerRow).partialValue < serialThreshold {
            body(0..<rows)
            return
        }
        // A few chunks per core balance uneven cores without shrinking chunks below a few rows.
        let chunks = min(rows, cores * 4)
        let perChunk = (rows + chunks - 1) / chunks
        let count = (rows + perChunk - 1) / perChunk
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { chunk in
                let start = chunk * perChunk
                box.value(start..<min(rows, start + perChunk))
            }
        }
    }
}

/// Carries a non-`Sendable` closure into `concurrentPerform`; safe because every chunk writes
/// disjoint rows and the call returns only after all chunks finished.
private struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The active processor count, read once.
private enum ProcessInfoCores {
    static let count: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
