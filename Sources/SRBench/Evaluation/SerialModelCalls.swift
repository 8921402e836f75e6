import Dispatch
import Foundation

/// Runs the model for one item (image × scale) at a time, on the calling thread, while other
/// items are prepared and scored in parallel, so each call's time is that of the model alone
/// with every core available to it:
///
/// - `before` (decode, modcrop, degrade) runs on the global queue, up to `lookahead` items ahead
///   of the model;
/// - `call` (the model) runs for each item in turn on the calling thread, timed;
/// - `after` (uint8 storage, saving, metrics) runs on the global queue as soon as its call ends.
///
/// Why not a lock around the model inside one `concurrentPerform`: the model would then run in
/// a `concurrentPerform` worker, and libdispatch divides a nested `concurrentPerform` by the
/// outer one's width, so a network's own parallel loops got one core instead of two (measured:
/// SRCNN ×3 on Set5 + Set14 took 13 s of model time instead of 10). Called from a thread outside
/// any `concurrentPerform`, the model's loops have both cores; other items' preparation and
/// scoring may overlap with it, as they always did. Before this type the model calls themselves
/// overlapped and each was timed while another competed for the cores: per-image seconds summed
/// to about twice the process's wall time. Now they can never sum to more than it.
///
/// At most `2 × lookahead` items are between `before` and the end of `after` at any time, so
/// memory stays bounded on large images. A plugin whose time is not measured (`dir:`: reading
/// files is not a model) gains nothing from the queue: with `timed` false its calls run inside
/// `before`, in parallel, and report 0 s.
struct SerialModelCalls {
    /// Results of `after`, in item order. On an error no further item is called; once the
    /// items already under way have finished, the error of the lowest item is thrown.
    static func run<P: Sendable, R: Sendable, T: Sendable>(
        count: Int,
        lookahead: Int = 2 * ProcessInfo.processInfo.activeProcessorCount,
        timed: Bool = true,
        before: @escaping @Sendable (Int) throws -> P,
        call: @escaping @Sendable (P) throws -> R,
        after: @escaping @Sendable (Int, P, R, Double) throws -> T
    ) throws -> [T] {
        let ahead = max(1, lookahead)
        let prepared = WaitableSlots<(P, R?)>(count: count)
        let results = WaitableSlots<T>(count: count)
        // Created at 0 and raised: libdispatch traps when a semaphore is freed below its initial
        // value, which an early stop (permits still taken) would otherwise do.
        let inFlight = DispatchSemaphore(value: 0)
        for _ in 0..<(2 * ahead) { inFlight.signal() }
        let group = DispatchGroup()
        let queue = DispatchQueue.global()
        var submitted = 0
        func submit() {
            guard submitted < count else { return }
            let i = submitted
            submitted += 1
            inFlight.wait()
            queue.async(group: group) {
                prepared.set(i, Result {
                    let p = try before(i)
                    return (p, timed ? nil : try call(p))
                })
            }
        }
        for _ in 0..<min(ahead, count) { submit() }

        let clock = ContinuousClock()
        var stoppedAt: Int?
        for i in 0..<count {
            let outcome = prepared.wait(i)
            submit()
            let value: (P, R, Double)
            do {
                let (p, untimed) = try outcome.get()
                if let untimed {
                    value = (p, untimed, 0)
                } else {
                    let start = clock.now
                    let r = try call(p)
                    value = (p, r, ScoreRunner.seconds(clock.now - start))
                }
            } catch {
                results.set(i, .failure(error))
                inFlight.signal()
                stoppedAt = i
                break
            }
            queue.async(group: group) {
                results.set(i, Result { try after(i, value.0, value.1, value.2) })
                inFlight.signal()
            }
        }
        group.wait()
        let last = stoppedAt ?? count - 1
        var out = [T]()
        out.reserveCapacity(count)
        if last >= 0 { for i in 0...last { out.append(try results.wait(i).get()) } }
        return out
    }
}

/// One result per item, set once by any thread; `wait(i)` blocks until item `i` is set.
final class WaitableSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, any Error>?]
    private let condition = NSCondition()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<T, any Error>) {
        condition.lock()
        slots[i] = r
        condition.broadcast()
        condition.unlock()
    }

    func wait(_ i: Int) -> Result<T, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while slots[i] == nil { condition.wait() }
        return slots[i]!
    }
}

/// A count shared by threads, for progress reports ("done, total").
final class ProgressCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// Adds one and returns the new count.
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
