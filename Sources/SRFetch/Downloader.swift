import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP transfer of a pinned file into its partial file, appending from where a previous
/// attempt stopped (`Range: bytes=N-`). Foundation's URLSession does the HTTP and TLS (libcurl
/// on Linux): no hand-written HTTP, and no extra package to build in CI.
final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Outcome { case done(received: Int64), failed(FetchError), retry(String) }

    private let file: PinnedFile
    private let url: String
    private let partial: String
    private let maxRedirects: Int
    private let progress: @Sendable (Int64) -> Void
    private let finished = DispatchSemaphore(value: 0)
    private var handle: FileHandle?
    private var written: Int64 = 0
    private var redirects = 0
    private var outcome: Outcome?

    init(file: PinnedFile, url: String, partial: String, maxRedirects: Int, progress: @escaping @Sendable (Int64) -> Void) {
        self.file = file; self.url = url; self.partial = partial; self.maxRedirects = maxRedirects; self.progress = progress
    }

    /// Runs the transfer to its end; blocks the calling thread (a fetch worker).
    func run(idleTimeout: TimeInterval) -> Outcome {
        let fm = FileManager.default
        let start = ((try? fm.attributesOfItem(atPath: partial))?[.size] as? Int64) ?? 0
        guard let u = URL(string: url) else { return .failed(.httpStatus(path: file.path, url: url, status: 0)) }
        var request = URLRequest(url: u)
        if start > 0 { request.setValue("bytes=\(start)-", forHTTPHeaderField: "Range") }
        written = start
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = idleTimeout
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: config, delegate: self, delegateQueue: nil)
        session.dataTask(with: request).resume()
        finished.wait()
        session.finishTasksAndInvalidate()
        try? handle?.close()
        return outcome ?? .done(received: written)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        redirects += 1
        if redirects > maxRedirects {
            outcome = .failed(.redirectLoop(path: file.path, url: url, redirects: maxRedirects))
            completionHandler(nil)
            task.cancel()
            return
        }
        completionHandler(request)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        guard outcome == nil else { completionHandler(.cancel); return }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        do {
            switch status {
            case 206 where written > 0:
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
                try handle?.seekToEnd()
            case 200:
                // A full answer (the server ignored the Range, or none was sent): start over.
                _ = FileManager.default.createFile(atPath: partial, contents: nil)
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
                written = 0
            case 416 where written == file.bytes:
                break  // the partial file is already complete
            default:
                outcome = .failed(.httpStatus(path: file.path, url: url, status: status))
                completionHandler(.cancel); return
            }
        } catch {
            outcome = .failed(.io(path: partial, reason: "cannot write: \(error.localizedDescription)"))
            completionHandler(.cancel); return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard outcome == nil, let handle else { return }
        if written + Int64(data.count) > file.bytes {
            outcome = .failed(.tooLarge(path: file.path, url: url, expected: file.bytes))
            try? FileManager.default.removeItem(atPath: partial)
            dataTask.cancel(); return
        }
        do { try handle.write(contentsOf: data) } catch {
            outcome = .failed(.io(path: partial, reason: "cannot write: \(error.localizedDescription)"))
            dataTask.cancel(); return
        }
        written += Int64(data.count)
        progress(Int64(data.count))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if outcome == nil, let error { outcome = .retry(error.localizedDescription) }
        finished.signal()
    }
}
