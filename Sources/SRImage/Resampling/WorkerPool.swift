import CResampleKernels
import Foundation
import Synchronization

/// A persistent pool of (cores − 1) worker threads that run the tasks of one parallel region,
/// with the calling thread taking tasks too. `RowParallel` uses it for every resampling pass.
///
/// Why not `DispatchQueue.concurrentPerform`: a ×1/4 resize of a 512×512 RGB image is about
/// 0.1 ms of work per core, and a Dispatch worker that sleeps between calls often wakes only
/// after the calling thread has done every band itself (0.31–0.35 ms median against 0.19–0.22
/// ms with a spinning worker, Benchmarks/README.md). So a worker here, after its last task,
/// spins for `spinDuration` watching for the next region (with a pause hint, bounded, so an
/// idle process burns no CPU beyond that) and then sleeps on a condition variable.
///
/// One region at a time: `run` try-locks the pool and returns false at once when another
/// caller (another thread of `prep`, or a task of the current region calling `RowParallel`
/// again) holds it; that caller falls back to `concurrentPerform`. No caller ever waits
/// behind another caller's region, so nesting cannot deadlock.
///
/// Tasks are claimed one at a time from a shared counter, so a task runs on whichever thread
/// gets to it first (the caller does them all if no worker is awake); which thread runs a task
/// never changes its result.
final class WorkerPool: @unchecked Sendable {
    /// The pool of this process, started on first use; nil on a single core, where there is
    /// nothing to share the work with.
    static let shared: WorkerPool? = ProcessorCount.active > 1 ? WorkerPool(workers: ProcessorCount.active - 1) : nil

    /// How long an idle worker spins before it sleeps, in nanoseconds: 100 µs. Measured on the
    /// ×1/4 benchmark (2 cores, load 1.2, seven runs each): no spin gave 0.24–0.32 ms median,
    /// like `concurrentPerform`; 100 µs gave 0.20–0.22; 50 and 200 µs about the same, each with
    /// one outlier (Benchmarks/README.md).
    /// 100 µs covers the gap between back-to-back regions (the passes of one resize, a resize
    /// then SSIM, a batch of small images) with margin, and bounds what a region with no
    /// successor costs to 0.1 ms of one core. Longer gaps (a `prep` decode between two resizes,
    /// milliseconds) find the worker asleep, as before.
    static let spinDuration: UInt64 = 100_000

    /// Held (true) while a region runs; taken with a compare-exchange, never waited for.
    private let busy = Atomic<Bool>(false)
    /// The current region's task count in the high 32 bits and the next unclaimed task in the
    /// low 32 bits, in one word so a claim is one compare-exchange and a stale worker can never
    /// claim past the end.
    private let tasks = Atomic<Int>(0)
    /// Tasks of the current region finished, by any thread; the caller returns when it reaches
    /// the count.
    private let finished = Atomic<Int>(0)
    /// The current region's body. Written only while no task is claimable (before `tasks` is
    /// published, after every task finished), read only after a successful claim.
    private var body: ((Int) -> Void)?
    /// Where idle workers sleep; guards `sleepers`.
    private let wake = NSCondition()
    /// Workers blocked in `wake.wait()`; the caller signals only when there are any.
    private var sleepers = 0

    private init(workers: Int) {
        for index in 0..<workers {
            let thread = Thread { [unowned self] in self.workerLoop() }
            thread.name = "SRImage.WorkerPool.\(index)"
            thread.start()
        }
    }

    /// Runs `body(0)`…`body(count - 1)` on the pool and the calling thread, returning after all
    /// finished; returns false, having run nothing, when the pool is in use by another region.
    /// `body` must be safe to call concurrently for different indices.
    func run(tasks count: Int, _ body: (Int) -> Void) -> Bool {
        precondition(count >= 0 && count < 1 << 31, "WorkerPool.run: task count \(count) out of range")
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        withoutActuallyEscaping(body) { body in
            self.body = body
            finished.store(0, ordering: .relaxed)
            tasks.store(count << 32, ordering: .releasing)
            wakeSleepers()
            runClaimedTasks()
            // Only tasks a worker already claimed remain, each a band of rows: wait briefly with
            // pause hints, then yield the core in case that worker was preempted onto it.
            var spins = 0
            while finished.load(ordering: .acquiring) < count {
                if spins < 256 {
                    CResampleKernels_spinPause()
                    spins += 1
                } else {
                    sched_yield()
                }
            }
            self.body = nil
        }
        busy.store(false, ordering: .releasing)
        return true
    }

    /// Claims and runs tasks of the current region until none is left.
    private func runClaimedTasks() {
        var word = tasks.load(ordering: .acquiring)
        while true {
            let count = word >> 32, next = word & 0xFFFF_FFFF
            guard next < count else { return }
            let (claimed, current) = tasks.compareExchange(expected: word, desired: word + 1, ordering: .acquiringAndReleasing)
            guard claimed else {
                word = current
                continue
            }
            // A successful claim means the region is still running, so `body` is its body.
            body.unsafelyUnwrapped(next)
            finished.add(1, ordering: .releasing)
            word = tasks.load(ordering: .acquiring)
        }
    }

    /// True when the current region has a task nobody claimed yet.
    private var hasUnclaimedTask: Bool {
        let word = tasks.load(ordering: .acquiring)
        return word & 0xFFFF_FFFF < word >> 32
    }

    private func wakeSleepers() {
        // `tasks` is published before this lock, and a worker checks it under the lock before
        // waiting, so a wake-up cannot be lost.
        wake.lock()
        if sleepers > 0 { wake.broadcast() }
        wake.unlock()
    }

    private func workerLoop() {
        while true {
            runClaimedTasks()
            // Spin for the next region: back-to-back resizes (a benchmark, a batch of small
            // images) find the worker awake. Every 64 pauses (a few µs) it reads the clock and
            // yields: on a loaded machine the caller may share this core, and a worker spinning
            // through its time slice would delay the very region it waits for (x1/4 at load
            // 3.5, six runs each: median 0.40 ms without the yield, 0.33 with it).
            let start = Self.monotonicNanoseconds()
            var spins = 0
            while !hasUnclaimedTask {
                CResampleKernels_spinPause()
                spins += 1
                if spins & 63 == 0 {
                    if Self.monotonicNanoseconds() &- start > Self.spinDuration {
                        sleepUntilWork()
                    } else {
                        sched_yield()
                    }
                }
            }
        }
    }

    private func sleepUntilWork() {
        wake.lock()
        sleepers += 1
        while !hasUnclaimedTask { wake.wait() }
        sleepers -= 1
        wake.unlock()
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
