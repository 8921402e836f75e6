import Foundation
import SRImage

/// One unit of work: the file(s) of one input image, one per source.
struct ImageJob: Sendable {
    /// Position in the deterministic input order.
    let index: Int
    /// Source id → file.
    let files: [String: URL]
    /// Source id → path shown in messages and recorded in provenance (`source/relative`).
    let names: [String: String]
    /// The name used in messages: the first source's.
    let displayName: String
    /// The first source's file name relative to its folder (or its path as listed): what the
    /// dataset's `provenance.sources` records for the input.
    let sourceName: String
}

/// Lists each source's files in byte order of their names and pairs several sources by file
/// stem (name without extension), so a folder of HR images can be joined with a folder of
/// provided LR images.
///
/// A folder source's inputs are the regular files (symbolic links followed) directly inside it
/// whose names match the glob, hidden names excluded; folders, FIFOs, sockets and devices are
/// not inputs (a FIFO would block the reader forever). An entry whose kind cannot be known (a
/// dangling link) stays an input so that reading it names the problem. A matching name that is
/// not valid UTF-8 stops the run (``PipelineError/fileNameNotUTF8(source:folder:name:)``): it
/// is never dropped.
enum SourceListing {
    static func jobs(for manifest: PipelineManifest) throws -> [ImageJob] {
        var lists: [(id: String, files: [(stem: String, url: URL, name: String, relative: String)])] = []
        for source in manifest.sources {
            var files = try list(source)
            if let pattern = source.stemPattern {
                files = try files.map { file in
                    guard let key = pattern.key(of: file.stem) else {
                        throw PipelineError.stemMismatch(source: source.id, name: file.name, pattern: pattern.description)
                    }
                    return (key, file.url, file.name, file.relative)
                }
            }
            lists.append((source.id, files))
        }
        guard let first = lists.first else { return [] }
        var lookups: [[String: (url: URL, name: String)]] = []
        for list in lists.dropFirst() {
            var map: [String: (URL, String)] = [:]
            for file in list.files {
                if let other = map.updateValue((file.url, file.name), forKey: file.stem) {
                    throw PipelineError.ambiguousPairing(source: list.id, key: file.stem, first: other.1, second: file.name)
                }
            }
            lookups.append(map)
        }
        return try first.files.enumerated().map { index, file in
            var files = [first.id: file.url]
            var names = [first.id: file.name]
            for (offset, lookup) in lookups.enumerated() {
                let id = lists[offset + 1].id
                guard let match = lookup[file.stem] else {
                    throw PipelineError.unpairedInput(source: id, stem: file.stem, other: first.id)
                }
                files[id] = match.url
                names[id] = match.name
            }
            return ImageJob(index: index, files: files, names: names, displayName: file.name, sourceName: file.relative)
        }
    }

    static func list(_ source: SourceSpec) throws -> [(stem: String, url: URL, name: String, relative: String)] {
        switch source.selection {
        case let .folder(folder, glob):
            let entries: [FolderEntries.Entry]
            do {
                entries = try FolderEntries.list(folder.path)
            } catch {
                throw PipelineError.sourceFolderMissing(source: source.id, path: folder.path, reason: error.reason)
            }
            let patterns = expandBraces(glob)
            // fnmatch on the name's bytes, so a name that is not UTF-8 is matched like any other
            // and then refused below rather than dropped.
            let matched = entries.filter { entry in
                entry.name.first != UInt8(ascii: ".") && entry.kind != .other && patterns.contains { pattern in
                    (entry.name + [0]).withUnsafeBufferPointer { name in
                        name.withMemoryRebound(to: CChar.self) { fnmatch(pattern, $0.baseAddress!, 0) == 0 }
                    }
                }
            // Byte order, not locale order, so every machine lists the same sequence.
            }.sorted { $0.name.lexicographicallyPrecedes($1.name) }
            let files = try matched.map { entry -> (String, URL, String, String) in
                guard let name = FileNameText.decode(entry.name) else {
                    throw PipelineError.fileNameNotUTF8(source: source.id, folder: folder.path, name: FileNameText.escaped(entry.name))
                }
                return ((name as NSString).deletingPathExtension, folder.appendingPathComponent(name), "\(source.id)/\(name)", name)
            }
            guard !files.isEmpty else { throw PipelineError.noInputs(source: source.id, path: folder.path, glob: glob) }
            return files
        case let .files(base, paths):
            return paths.map { path in
                let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
                return (((path as NSString).lastPathComponent as NSString).deletingPathExtension, url, "\(source.id)/\(path)", path)
            }
        }
    }

    /// `*.{png,bmp}` → [`*.png`, `*.bmp`] (one level of braces, which fnmatch lacks).
    static func expandBraces(_ glob: String) -> [String] {
        guard let open = glob.firstIndex(of: "{"), let close = glob[open...].firstIndex(of: "}") else { return [glob] }
        let head = glob[..<open], tail = glob[glob.index(after: close)...]
        return glob[glob.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false).map { "\(head)\($0)\(tail)" }
    }
}
