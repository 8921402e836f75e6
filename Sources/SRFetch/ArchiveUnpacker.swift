import Crypto
import Foundation
import ZIPFoundation

/// Unpacks a downloaded, verified archive (DIV2K's zips) into its folder under the data root.
///
/// Members are extracted into a staging folder under `.srkit-fetch/`, each hashed as it is
/// written; only when every member is out does each top-level entry move into place with one
/// `rename(2)`, replacing an earlier copy, and a record of the members (path, size, SHA-256) is
/// written beside them as `<folder>/.<archive>.srkit.json`. That record is what a later fetch
/// checks instead of downloading the archive again: present means every member there with its
/// recorded size and SHA-256. A member whose path leaves the folder (absolute, `..`) or that is
/// a link is refused before anything is unpacked.
enum ArchiveUnpacker {
    /// What is on disk for an archive row.
    enum State { case absent, complete, damaged }

    /// The record written after unpacking.
    struct Record: Codable {
        var archive: String
        var sha256: String
        var members: [Member]
    }

    struct Member: Codable {
        var path: String
        var bytes: Int64
        var sha256: String
    }

    static func recordPath(_ file: PinnedFile, root: String) -> String {
        let name = (file.path as NSString).lastPathComponent
        return root + "/" + (file.unpack ?? "") + "/." + name + ".srkit.json"
    }

    static func state(of file: PinnedFile, root: String) -> State {
        let path = recordPath(file, root: root)
        guard let data = FileManager.default.contents(atPath: path) else { return .absent }
        guard let record = try? JSONDecoder().decode(Record.self, from: data), record.sha256 == file.sha256, !record.members.isEmpty else { return .damaged }
        let folder = root + "/" + (file.unpack ?? "")
        for m in record.members {
            let p = folder + "/" + m.path
            guard let size = (try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? Int64, size == m.bytes,
                  (try? FileHash.sha256(path: p)) == m.sha256 else { return .damaged }
        }
        return .complete
    }

    static func unpack(_ archivePath: String, as file: PinnedFile, root: String, staging: String) throws {
        let fm = FileManager.default
        let folder = root + "/" + (file.unpack ?? "")
        let work = staging + "/" + (file.unpack ?? "") + "/" + (file.path as NSString).lastPathComponent + ".unpack"
        try? fm.removeItem(atPath: work)
        defer { try? fm.removeItem(atPath: work) }
        func fail(_ reason: String) -> FetchError { .badArchive(path: file.path, reason: reason) }

        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: archivePath), accessMode: .read) } catch {
            throw fail("not a readable zip: \(error)")
        }
        var entries: [(Entry, String)] = []
        for entry in archive {
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            guard !path.hasPrefix("/"), !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else {
                throw fail("member '\(path)' would leave \(file.unpack ?? "")")
            }
            switch entry.type {
            case .directory: continue
            case .symlink: throw fail("member '\(path)' is a symbolic link")
            case .file: entries.append((entry, parts.joined(separator: "/")))
            }
        }
        guard !entries.isEmpty else { throw fail("it holds no files") }
        var members: [Member] = []
        for (entry, path) in entries {
            let target = work + "/" + path
            do {
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch { throw FetchError.io(path: target, reason: "cannot create its folder: \(error.localizedDescription)") }
            guard fm.createFile(atPath: target, contents: nil), let out = FileHandle(forWritingAtPath: target) else {
                throw FetchError.io(path: target, reason: "cannot create")
            }
            var hasher = SHA256()
            var bytes: Int64 = 0
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    hasher.update(data: chunk)
                    bytes += Int64(chunk.count)
                    try out.write(contentsOf: chunk)
                }
                try out.close()
            } catch {
                try? out.close()
                throw fail("member '\(path)': \(error)")
            }
            members.append(Member(path: path, bytes: bytes, sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined()))
        }
        // Every member is out and hashed: move the top-level entries into place.
        do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw FetchError.io(path: folder, reason: "cannot create: \(error.localizedDescription)")
        }
        try? fm.removeItem(atPath: recordPath(file, root: root))  // from here the old copy is not "complete"
        let tops = Set(entries.map { String($0.1.split(separator: "/")[0]) }).sorted()
        var replaced: [String] = []
        defer { for old in replaced { try? fm.removeItem(atPath: old) } }
        for top in tops {
            let dest = folder + "/" + top
            if fm.fileExists(atPath: dest) {
                let old = work + ".old-" + top
                guard rename(dest, old) == 0 else { throw FetchError.io(path: dest, reason: "cannot move the previous copy aside: \(String(cString: strerror(errno)))") }
                replaced.append(old)
            }
            guard rename(work + "/" + top, dest) == 0 else { throw FetchError.io(path: dest, reason: "cannot rename into place: \(String(cString: strerror(errno)))") }
        }
        let record = Record(archive: (file.path as NSString).lastPathComponent, sha256: file.sha256, members: members.sorted { $0.path < $1.path })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let recordFile = recordPath(file, root: root)
        let temporary = recordFile + ".tmp"
        guard fm.createFile(atPath: temporary, contents: try encoder.encode(record)), rename(temporary, recordFile) == 0 else {
            throw FetchError.io(path: recordFile, reason: "cannot write the record of the unpacked files")
        }
    }
}
