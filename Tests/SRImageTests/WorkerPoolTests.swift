import Foundation
@testable import SRImage
import XCTest

/// `RowParallel` on `WorkerPool`: every row exactly once, and nested or concurrent callers fall
/// back instead of waiting on each other.
final class WorkerPoolTests: XCTestCase {
    /// Counts how often each row was visited; rows are disjoint per call, so no lock is needed.
    private final class RowCounts: @unchecked Sendable {
        var counts: [Int]
        init(_ rows: Int) { counts = Array(repeating: 0, count: rows) }
    }

    private static func visitAll(rows: Int) -> [Int] {
        let counts = RowCounts(rows)
        counts.counts.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            RowParallel.forEachBand(rows: rows, work: 1 << 20, alignment: 8) { band in
                for row in band { base[row] += 1 }
            }
        }
        return counts.counts
    }

    func testEveryRowOnceOverManyRegions() {
        for rows in [1, 7, 8, 9, 128, 1000] {
            for _ in 0..<200 {
                XCTAssertEqual(WorkerPoolTests.visitAll(rows: rows), Array(repeating: 1, count: rows), "rows \(rows)")
            }
        }
    }

    func testNestedRegionsRunWithoutDeadlock() {
        let outer = RowCounts(64 * 32)
        outer.counts.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            RowParallel.forEachChunk(rows: 64, workPerRow: 1 << 12) { chunk in
                for row in chunk {
                    RowParallel.forEachChunk(rows: 32, workPerRow: 1 << 12) { inner in
                        for column in inner { base[row * 32 + column] += 1 }
                    }
                }
            }
        }
        XCTAssertEqual(outer.counts, Array(repeating: 1, count: 64 * 32))
    }

    func testConcurrentCallersAllFinish() {
        let results = RowCounts(8)
        results.counts.withUnsafeMutableBufferPointer { buffer in
            // Each caller writes only its own entry.
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: 8) { caller in
                var ok = true
                for _ in 0..<100 where WorkerPoolTests.visitAll(rows: 256) != Array(repeating: 1, count: 256) { ok = false }
                base[caller] = ok ? 1 : 0
            }
        }
        XCTAssertEqual(results.counts, Array(repeating: 1, count: 8))
    }
}
