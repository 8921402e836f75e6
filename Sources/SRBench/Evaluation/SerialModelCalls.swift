import Dispatch
import Foundation

/// Runs a group of images in three phases so that the model is called for one image at a time,
/// on a thread of its own, and each call's time is what running the model alone costs:
///
/// 1. `before` for every image in parallel (decode, modcrop, degrade);
/// 2. `call` for each image in turn on the calling thread, timed (the model);
/// 3. `after` for every image in parallel (uint8 storage, saving, metrics).
///
/// Why not a lock around the model inside one parallel loop: the model would then run inside a
/// `concurrentPerform` worker, and libdispatch splits a nested `concurrentPerform` by the outer
/// one's width, so a network's own parallel loops would get one core instead of two. Called
/// from the runner's thread, a model has every core. Before this type the images' model calls
/// overlapped and each was timed while another competed for the cores: SRCNN 9-5-5 ×3 on Set5 +
/// Set14 reported per-image seconds summing to about twice the process's wall time. Now the
/// per-image seconds of a run can never sum to more than its wall time.
///
/// A plugin whose time is not measured (`dir:`: reading files is not a model) gains nothing from
/// the queue, so with `timed` false its calls run in phase 1, in parallel, and report 0 s.
struct SerialModelCalls {
    /// Results of `after`, in image order, with the first error in image order rethrown (the
    /// phases of all images run before an error of phase 1 or 3 is reported).
    static func run<P: Sendable, R: Sendable, T: Sendable>(
        count: Int,
        timed: Bool = true,
        before: @Sendable (Int) throws -> P,
        call: @Sendable (P) throws -> R,
        after: @Sendable (Int, P, R, Double) throws -> T
    ) throws -> [T] {
        let prepared = ResultSlots<(P, R?)>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            prepared.set(i, Result {
                let p = try before(i)
                return (p, timed ? nil : try call(p))
            })
        }
        let phase1 = try prepared.values()
        let inputs = phase1.map(\.0)
        var outputs = [(R, Double)]()
        outputs.reserveCapacity(count)
        let clock = ContinuousClock()
        for (p, untimed) in phase1 {
            if let untimed {
                outputs.append((untimed, 0))
                continue
            }
            let start = clock.now
            let r = try call(p)
            outputs.append((r, ScoreRunner.seconds(clock.now - start)))
        }
        let results = ResultSlots<T>(count: count)
        let done = outputs
        DispatchQueue.concurrentPerform(iterations: count) { i in
            results.set(i, Result { try after(i, inputs[i], done[i].0, done[i].1) })
        }
        return try results.values()
    }
}
