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

    func testPhasesKeepImageOrderAndReportTheFirstError() throws {
        let out = try SerialModelCalls.run(count: 5, before: { $0 * 10 }, call: { $0 + 1 }, after: { i, p, r, s in "\(i):\(p):\(r):\(s >= 0)" })
        XCTAssertEqual(out, ["0:0:1:true", "1:10:11:true", "2:20:21:true", "3:30:31:true", "4:40:41:true"])
        struct Boom: Error, Equatable { let i: Int }
        XCTAssertThrowsError(try SerialModelCalls.run(count: 4, before: { i -> Int in if i >= 2 { throw Boom(i: i) }; return i },
                                                      call: { $0 }, after: { _, _, r, _ in r })) { error in
            XCTAssertEqual(error as? Boom, Boom(i: 2))
        }
    }
}
