import Foundation

/// Runs `work` for indices 0..<count on `jobs` threads and hands results to `consume` on the
/// calling thread in index order, with at most `window` results computed ahead of the consumer.
///
/// The window is the backpressure between the image stages and the writer: however many images
/// a source has, only `window` results are ever held, so memory does not grow with the input.
/// Consuming in index order is what makes the output independent of `jobs`. The first failure in
/// index order is thrown (later indices are abandoned), so the error is the same on every run.
enum OrderedParallel {
    static func run<T>(count: Int, jobs: Int, window: Int,
                       work: @escaping @Sendable (Int) throws -> T,
                       consume: (Int, T) throws -> Void) throws {
        guard count > 0 else { return }
        let state = State<T>(window: max(1, window))
        let workers = max(1, min(jobs, count))
        var threads: [Thread] = []
        for _ in 0..<workers {
            let thread = Thread {
                while let index = state.claim(count: count) {
                    let result = Result { try work(index) }
                    state.deliver(index, result)
                }
                state.workerFinished()
            }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
        defer { state.cancelAndWait(workers: workers) }
        for index in 0..<count {
            let result = state.take(index)
            try consume(index, try result.get())
        }
    }

    /// Shared between the workers and the consumer, guarded by one condition variable.
    private final class State<T>: @unchecked Sendable {
        private let condition = NSCondition()
        private var next = 0
        private var consumed = 0
        private var cancelled = false
        private var finishedWorkers = 0
        private var results: [Int: Result<T, Error>] = [:]
        private let window: Int

        init(window: Int) { self.window = window }

        /// The next index to compute, waiting while the window is full; nil when done or cancelled.
        func claim(count: Int) -> Int? {
            condition.lock(); defer { condition.unlock() }
            while !cancelled, next < count, next >= consumed + window { condition.wait() }
            guard !cancelled, next < count else { return nil }
            next += 1
            return next - 1
        }

        func deliver(_ index: Int, _ result: Result<T, Error>) {
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }

        /// Waits for `index`'s result and frees its slot in the window.
        func take(_ index: Int) -> Result<T, Error> {
            condition.lock(); defer { condition.unlock() }
            while results[index] == nil { condition.wait() }
            let result = results.removeValue(forKey: index)!  // checked by the loop above
            consumed = index + 1
            condition.broadcast()
            return result
        }

        func workerFinished() {
            condition.lock()
            finishedWorkers += 1
            condition.broadcast()
            condition.unlock()
        }

        /// Stops handing out work and waits for every worker to leave, so no thread outlives the call.
        func cancelAndWait(workers: Int) {
            condition.lock(); defer { condition.unlock() }
            cancelled = true
            condition.broadcast()
            while finishedWorkers < workers { condition.wait() }
        }
    }
}
