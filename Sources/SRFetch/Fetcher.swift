import Foundation

/// How a fetch runs.
public struct FetchOptions: Sendable {
    /// Files downloaded at once (a few: the servers are shared, the disks are not the limit).
    public var parallel = 4
    /// Attempts per file; a dropped connection resumes from the bytes already received.
    public var attempts = 3
    /// Seconds without a byte before a request counts as failed.
    public var idleTimeout: TimeInterval = 60
    /// Redirects followed before giving up as a loop.
    public var maxRedirects = 10
    /// The mirror replacing each URL's scheme and host, if any.
    public var mirror: Mirror?
    /// Called with bytes done and bytes to do, from worker threads.
    public var progress: (@Sendable (Int64, Int64) -> Void)?

    /// Defaults: 4 at once, 3 attempts, 60 s idle timeout, 10 redirects, no mirror.
    public init() {}
}

/// What a fetch did.
public struct FetchSummary: Sendable, Equatable {
    /// Files downloaded and verified.
    public let fetched: [String]
    /// Bytes downloaded (including resumed parts).
    public let bytes: Int64
    /// The first failures, one per file.
    public let failures: [FetchError]
}

/// Downloads the files of a ``FetchPlan``: each into `<root>/.srkit-fetch/<path>.part`, resumed
/// across attempts and runs, then checked (size, SHA-256) and renamed into place, so a file at
/// its final path is always complete and verified.
public enum Fetcher {
    /// The hidden staging folder under the data root.
    public static let stagingFolder = ".srkit-fetch"

    /// Runs `plan` with `options`; failures of one file do not stop the others.
    public static func run(_ plan: FetchPlan, options: FetchOptions) -> FetchSummary {
        let state = SharedState(total: plan.totalBytes, progress: options.progress)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, options.parallel)
        for file in plan.missing {
            queue.addOperation {
                do {
                    try fetch(file, root: plan.root, options: options, state: state)
                    state.done(file.path)
                } catch let e as FetchError {
                    state.fail(e)
                } catch {
                    state.fail(.io(path: file.path, reason: "\(error)"))
                }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return state.summary
    }

    static func fetch(_ file: PinnedFile, root: String, options: FetchOptions, state: SharedState) throws {
        let fm = FileManager.default
        let final = root + "/" + file.path
        let partial = root + "/" + stagingFolder + "/" + file.path + ".part"
        let url = options.mirror?.rewrite(file.url) ?? file.url
        do {
            try fm.createDirectory(atPath: (partial as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch { throw FetchError.io(path: partial, reason: "cannot create its folder: \(error.localizedDescription)") }
        var attempt = 0
        while true {
            attempt += 1
            let transfer = Transfer(file: file, url: url, partial: partial, maxRedirects: options.maxRedirects) { state.add($0) }
            switch transfer.run(idleTimeout: options.idleTimeout) {
            case let .failed(error):
                throw error
            case let .retry(reason):
                if attempt >= options.attempts {
                    throw FetchError.transport(path: file.path, url: url, reason: reason, attempts: attempt)
                }
                continue
            case let .done(received):
                if received < file.bytes {
                    // A clean end short of the pinned size: the server's file is short, resuming will not help.
                    try? fm.removeItem(atPath: partial)
                    throw FetchError.truncated(path: file.path, url: url, received: received, expected: file.bytes)
                }
            }
            break
        }
        let actual = try FileHash.sha256(path: partial)
        guard actual == file.sha256 else {
            try? fm.removeItem(atPath: partial)
            throw FetchError.checksumMismatch(path: file.path, url: url, expected: file.sha256, actual: actual)
        }
        if file.isArchive {
            defer { try? fm.removeItem(atPath: partial) }
            try ArchiveUnpacker.unpack(partial, as: file, root: root, staging: root + "/" + stagingFolder)
            return
        }
        do {
            try fm.createDirectory(atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // rename(2) replaces an existing (differing) file atomically.
            guard rename(partial, final) == 0 else { throw FetchError.io(path: final, reason: "cannot rename into place: \(String(cString: strerror(errno)))") }
        } catch let e as FetchError { throw e } catch {
            throw FetchError.io(path: final, reason: "cannot create its folder: \(error.localizedDescription)")
        }
    }

    /// Counters shared by the workers.
    final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private let total: Int64
        private let progress: (@Sendable (Int64, Int64) -> Void)?
        private var bytes: Int64 = 0
        private var fetched = [String]()
        private var failures = [FetchError]()

        init(total: Int64, progress: (@Sendable (Int64, Int64) -> Void)?) { self.total = total; self.progress = progress }

        func add(_ n: Int64) {
            lock.lock(); bytes += n; let b = bytes; lock.unlock()
            progress?(b, total)
        }
        func done(_ path: String) { lock.lock(); fetched.append(path); lock.unlock() }
        func fail(_ e: FetchError) { lock.lock(); failures.append(e); lock.unlock() }
        var summary: FetchSummary {
            lock.lock(); defer { lock.unlock() }
            return FetchSummary(fetched: fetched.sorted(), bytes: bytes, failures: failures.sorted { $0.description < $1.description })
        }
    }
}
