#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entries of one folder as the file system stores them: names as bytes, with their kind.
///
/// POSIX `opendir`/`readdir` rather than `FileManager.contentsOfDirectory`, which on Linux
/// silently leaves out every name that is not valid UTF-8 (so an input vanished from a run
/// without a word); here every entry is seen and the caller decides.
enum FolderEntries {
    /// What an entry is, from `stat` (symbolic links followed, as opening the file would).
    enum Kind: Equatable {
        /// A regular file: the only kind that can be an input.
        case regular
        /// A folder, FIFO, socket or device: never an input.
        case other
        /// `stat` failed (a dangling symbolic link, a file removed meanwhile): kept as an
        /// input so that reading it reports the reason instead of the file vanishing.
        case unknown
    }

    /// One entry: its name's bytes and kind.
    struct Entry {
        let name: [UInt8]
        let kind: Kind
    }

    /// Why a folder could not be listed (`strerror` text: "No such file or directory").
    struct Failure: Error { let reason: String }

    /// Every entry of `folder` except `.` and `..`, in the order `readdir` returns them.
    static func list(_ folder: String) throws(Failure) -> [Entry] {
        guard let dir = opendir(folder) else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw Failure(reason: String(cString: strerror(errno))) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            entries.append(Entry(name: name, kind: kind(folder: folder, name: name)))
        }
        return entries
    }

    /// `stat` of `folder/name`, passing the name's bytes unchanged.
    private static func kind(folder: String, name: [UInt8]) -> Kind {
        var path = Array(folder.utf8)
        if path.last != 0x2F { path.append(0x2F) }
        path += name
        path.append(0)
        var info = stat()
        let ok = path.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { stat($0, &info) == 0 }
        }
        guard ok else { return .unknown }
        return (info.st_mode & S_IFMT) == S_IFREG ? .regular : .other
    }
}
