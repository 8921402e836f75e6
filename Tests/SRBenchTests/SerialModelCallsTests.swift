import Foundation
import SRImage
import SRTestSupport
import XCTest
@testable import SRBench

/// A plugin that notes how many of its calls overlap, spending a little time in each.
final class OverlapProbe: ModelPlugin, @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var mostAtOnce = 0
    private(set) var calls = 0
    var name: String { "probe" }
    func upscale(_ input: ModelInput) throws -> FloatImage {
        lock.lock(); running += 1; calls += 1; mostAtOnce = max(mostAtOnce, running); lock.unlock()
        defer { lock.lock(); running -= 1; lock.unlock() }
        Thread.sleep(forTimeInterval: 0.02)
        return try InterpolationPlugin(method: .nearest).upscale(input)
    }
}

/// Model calls run one at a time, so seconds per image are each call alone and never sum to
/// more than the run's wall time.
final class SerialModelCallsTests: XCTestCase {
    func testCallsNeverOverlapAndTheirSecondsFitInTheWallTime() throws {
        let root = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticSet5.write(to: root)
        let catalog = try DatasetCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets"))
        let probe = OverlapProbe()
        let clock = ContinuousClock()
        let start = clock.now
        let report = try ScoreRunner(catalog: catalog).run(ScoreRequest(model: probe, datasets: ["set5"], scales: [2, 3, 4],
                                                                        dataRoot: root.path, evaluation: .basicsr))
        let wall = ScoreRunner.seconds(clock.now - start)
        XCTAssertEqual(probe.calls, 15)
        XCTAssertEqual(probe.mostAtOnce, 1, "model calls overlapped")
        let sum = report.cells.flatMap(\.images).map(\.seconds).reduce(0, +)
        XCTAssertGreaterThanOrEqual(sum, 15 * 0.02, "every call's time is counted")
        XCTAssertLessThanOrEqual(sum, wall)
        XCTAssertEqual(report.timing, .perImage)
        XCTAssertEqual(report.modelDetails?["timing"], ModelTiming.perImage.condition)
    }

    func testItemsKeepTheirOrderAndTheLowestErrorIsThrown() throws {
        let out = try SerialModelCalls.run(count: 9, lookahead: 2, before: { $0 * 10 }, call: { $0 + 1 },
                                           after: { i, p, r, s in "\(i):\(p):\(r):\(s >= 0)" })
        XCTAssertEqual(out, (0..<9).map { "\($0):\($0 * 10):\($0 * 10 + 1):true" })
        XCTAssertEqual(try SerialModelCalls.run(count: 0, before: { $0 }, call: { $0 }, after: { _, _, r, _ in r }), [])
        struct Boom: Error, Equatable { let i: Int }
        // A preparation error at item 5 and a scoring error at item 3: item 3's is reported.
        XCTAssertThrowsError(try SerialModelCalls.run(count: 8, lookahead: 2,
                                                      before: { i -> Int in if i == 5 { throw Boom(i: i) }; return i },
                                                      call: { $0 }, after: { _, _, r, _ -> Int in if r == 3 { throw Boom(i: r) }; return r })) { error in
            XCTAssertEqual(error as? Boom, Boom(i: 3))
        }
        // A model error stops the calls: nothing after it is called.
        let calls = ProgressCounter()
        XCTAssertThrowsError(try SerialModelCalls.run(count: 8, lookahead: 2, before: { $0 },
                                                      call: { i -> Int in _ = calls.increment(); if i == 2 { throw Boom(i: i) }; return i },
                                                      after: { _, _, r, _ in r })) { error in
            XCTAssertEqual(error as? Boom, Boom(i: 2))
        }
        XCTAssertEqual(calls.increment(), 4, "items 0, 1, 2 were called, then none")
    }
}
