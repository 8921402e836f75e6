import SRPartition
import XCTest

/// The work-balanced assignment: the documented LPT rule, determinism, balance on skewed sizes.
final class WorkBalancerTests: XCTestCase {
    func testRuleByHand() {
        // Heaviest first: 9 → part 0, 7 → 1, 5 → 2; 4 → 2 (loads 9, 7, 5 → 9, 7, 9); 3 → 1 (→ 9, 10, 9);
        // 1 → 0, the lower of the two lightest (→ 10, 10, 9).
        let weights: [UInt64] = [4, 9, 1, 7, 3, 5]
        XCTAssertEqual(WorkBalancer.assign(weights: weights, parts: 3), [2, 0, 0, 1, 1, 2])
        XCTAssertEqual(WorkBalancer.loads(weights: weights, assignment: WorkBalancer.assign(weights: weights, parts: 3), parts: 3), [10, 10, 9])
    }

    func testTiesGoByIndexAndZeroWeightsSpreadByCount() {
        XCTAssertEqual(WorkBalancer.assign(weights: [0, 0, 0, 0, 0], parts: 2), [0, 1, 0, 1, 0])
        XCTAssertEqual(WorkBalancer.assign(weights: [5, 5, 5], parts: 3), [0, 1, 2])
    }

    func testMorePartsThanItemsLeavesPartsEmpty() {
        XCTAssertEqual(WorkBalancer.assign(weights: [3, 8], parts: 5), [1, 0])
        XCTAssertEqual(WorkBalancer.items(of: 4, weights: [3, 8], parts: 5), [])
        XCTAssertEqual(WorkBalancer.assign(weights: [], parts: 3), [])
    }

    func testSkewedSizesBalanceFarBetterThanByCount() {
        // 10x spread in size, like DIV2K next to T91; sizes from a fixed generator.
        var state: UInt64 = 42
        let weights: [UInt64] = (0..<1000).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return 10_000 + (state >> 33) % 90_000
        }
        let lpt = WorkBalancer.loads(weights: weights, assignment: WorkBalancer.assign(weights: weights, parts: 7), parts: 7)
        let roundRobin = WorkBalancer.loads(weights: weights, assignment: weights.indices.map { $0 % 7 }, parts: 7)
        let spread = { (loads: [UInt64]) in Double(loads.max()! - loads.min()!) / Double(loads.max()!) }
        XCTAssertLessThan(spread(lpt), 0.005)
        XCTAssertGreaterThan(spread(roundRobin), 0.01)
        XCTAssertEqual(WorkBalancer.assign(weights: weights, parts: 7), WorkBalancer.assign(weights: weights, parts: 7))
        // Every item is in exactly one part.
        let parts = (0..<7).map { WorkBalancer.items(of: $0, weights: weights, parts: 7) }
        XCTAssertEqual(parts.flatMap { $0 }.sorted(), Array(weights.indices))
    }
}
