import Foundation

/// Everything that can stop `bench datasets fetch`. Each message names the file under the data
/// root and the URL it came from, says what went wrong, and what to do.
public enum FetchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No `Manifests/datasets/sources` folder was found.
    case sourcesNotFound(searched: [String])
    /// A line of a sources TSV is malformed.
    case badSourceLine(file: String, line: Int, reason: String)
    /// A dataset name the sources do not list.
    case unknownDataset(name: String, known: [String])
    /// The server answered with a status other than 200/206.
    case httpStatus(path: String, url: String, status: Int)
    /// More redirects than ``Downloader/maxRedirects`` (a loop, or a misconfigured mirror).
    case redirectLoop(path: String, url: String, redirects: Int)
    /// The transfer ended (cleanly) with fewer bytes than pinned.
    case truncated(path: String, url: String, received: Int64, expected: Int64)
    /// The server sent more bytes than pinned.
    case tooLarge(path: String, url: String, expected: Int64)
    /// The bytes arrived but their SHA-256 is not the pinned one.
    case checksumMismatch(path: String, url: String, expected: String, actual: String)
    /// The connection failed (refused, dropped, timed out) on every attempt.
    case transport(path: String, url: String, reason: String, attempts: Int)
    /// A local file operation failed (disk full, permissions).
    case io(path: String, reason: String)
    /// `SRKIT_MIRROR` is not an http(s) URL.
    case badMirror(value: String)
    /// A verified archive holds a member that cannot be unpacked safely (a path leaving the
    /// folder, a link) or that ZIPFoundation cannot read.
    case badArchive(path: String, reason: String)

    public var description: String {
        switch self {
        case let .sourcesNotFound(searched):
            return "No dataset sources found; looked in \(searched.joined(separator: ", ")); run from the SRKit checkout or pass --sources Manifests/datasets/sources."
        case let .badSourceLine(file, line, reason):
            return "\(file):\(line): \(reason); each line is PATH<TAB>BYTES<TAB>SHA256<TAB>URL, with <TAB>unpack:FOLDER after an archive (regenerate with Manifests/datasets/make_sources.py)."
        case let .unknownDataset(name, known):
            return "No pinned sources for dataset '\(name)'; known: \(known.joined(separator: ", "))."
        case let .httpStatus(path, url, status):
            return "\(path): \(url) answered HTTP \(status); nothing was written. Check the URL (or SRKIT_MIRROR) and try again."
        case let .redirectLoop(path, url, redirects):
            return "\(path): \(url) redirected more than \(redirects) times (a redirect loop); nothing was written. Check the URL (or SRKIT_MIRROR)."
        case let .truncated(path, url, received, expected):
            return "\(path): \(url) ended after \(received) of \(expected) bytes (truncated); nothing was written. Run the same command again to resume."
        case let .tooLarge(path, url, expected):
            return "\(path): \(url) sent more than the pinned \(expected) bytes; the download was discarded and nothing was written. The source changed or the mirror is wrong."
        case let .checksumMismatch(path, url, expected, actual):
            return "\(path): the bytes from \(url) have SHA-256 \(actual), not the pinned \(expected); the download was discarded and nothing was written. The source changed or the mirror is wrong."
        case let .transport(path, url, reason, attempts):
            return "\(path): \(url) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason); nothing was written (the part received is kept and resumed by the same command)."
        case let .io(path, reason):
            return "\(path): \(reason)."
        case let .badArchive(path, reason):
            return "\(path): cannot unpack the archive (\(reason)); nothing was unpacked into the data root."
        case let .badMirror(value):
            return "SRKIT_MIRROR=\(value) is not an http:// or https:// URL; give e.g. SRKIT_MIRROR=http://127.0.0.1:8000."
        }
    }
}
