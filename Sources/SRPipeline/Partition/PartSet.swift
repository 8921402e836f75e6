import Foundation
import SRImage
import SRPartition
import SRShards

/// The parts given to `prep merge`, found and checked before anything is written.
///
/// Checks, in order, each naming the part at fault: every folder is a finished part (its
/// `part.json` exists and matches its own checksum); all parts come from one run (``PartRun`` and
/// N equal; the odd part is the one that differs from the majority) made by this SRKit version;
/// no part number appears twice; none of 0..<N is missing; together they list every input
/// exactly once, the list's digest is the run's, and each input is in the part the assignment
/// rule gives it. What cannot be known without reading the records (shard hashes, CRCs, the
/// order table) is checked while merging.
public struct PartSet: Sendable {
    /// One part: its folder and index.
    public struct Part: Sendable {
        /// The part folder.
        public let folder: URL
        /// Its part.json.
        public let index: PartIndex
    }

    /// The parts, by part number.
    public let parts: [Part]
    /// The run they share.
    public var run: PartRun { parts[0].index.run }
    /// Every input of the run, in input order.
    public let inputs: [PartInput]

    /// Finds the parts named by `paths` (part folders, or folders holding part folders) and checks them.
    public static func load(_ paths: [URL]) throws -> PartSet {
        var found: [Part] = []
        for path in paths {
            for folder in try partFolders(path) {
                found.append(Part(folder: folder, index: try PartIndex.load(from: folder)))
            }
        }
        guard !found.isEmpty else { throw PipelineError.noParts(paths: paths.map(\.path)) }
        try checkSameRun(found)
        let n = found[0].index.parts
        var byNumber: [Int: [Part]] = [:]
        for part in found { byNumber[part.index.part, default: []].append(part) }
        if let (k, twice) = byNumber.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw PipelineError.duplicatePart(part: k, parts: n, paths: twice.map(\.folder.path))
        }
        let missing = (0..<n).filter { byNumber[$0] == nil }
        guard missing.isEmpty else { throw PipelineError.missingParts(missing: missing, parts: n, found: found.count) }
        let parts = (0..<n).map { byNumber[$0]![0] }
        return PartSet(parts: parts, inputs: try checkInputs(parts))
    }

    /// `path` itself when it holds part.json; else its sub-folders (byte order), each of which
    /// must be a part; else an error.
    static func partFolders(_ path: URL) throws -> [URL] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PipelineError.notAPart(path: path.path, reason: fm.fileExists(atPath: path.path) ? "a file, not a folder" : "no such folder")
        }
        if fm.fileExists(atPath: path.appendingPathComponent(PartIndex.fileName).path) { return [path] }
        let children = ((try? fm.contentsOfDirectory(atPath: path.path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { path.appendingPathComponent($0, isDirectory: true) }
            .filter { var d: ObjCBool = false; return fm.fileExists(atPath: $0.path, isDirectory: &d) && d.boolValue }
        let isPartAttempt = children.contains { fm.fileExists(atPath: $0.appendingPathComponent(PartIndex.fileName).path) }
        // A folder of parts: every sub-folder must be one (an unfinished task's folder has no part.json).
        if isPartAttempt || (!children.isEmpty && !fm.fileExists(atPath: path.appendingPathComponent(PartIndex.shardsFolder).path)) {
            return children
        }
        throw PipelineError.notAPart(path: path.path, reason: "no \(PartIndex.fileName), so its task did not finish")
    }

    /// All parts share N and ``PartRun`` (the majority's), made by this version of prep.
    static func checkSameRun(_ parts: [Part]) throws {
        struct Identity: Equatable { let parts: Int; let run: PartRun }
        let identities = parts.map { Identity(parts: $0.index.parts, run: $0.index.run) }
        var best = 0, bestCount = 0
        for (i, identity) in identities.enumerated() {
            let count = identities.filter { $0 == identity }.count
            if count > bestCount { best = i; bestCount = count }
        }
        let reference = parts[best]
        for part in parts where Identity(parts: part.index.parts, run: part.index.run) != identities[best] {
            throw PipelineError.partsDiffer(path: part.folder.path, other: reference.folder.path,
                                            what: difference(part.index, reference.index))
        }
        let tool = "SRKit prep \(SRKitVersion.current)"
        if reference.index.run.tool != tool {
            throw PipelineError.partsDiffer(path: reference.folder.path, other: "this prep", what: "made by \(reference.index.run.tool), this is \(tool)")
        }
    }

    /// The first field in which `a` differs from `b`, in words.
    static func difference(_ a: PartIndex, _ b: PartIndex) -> String {
        let x = a.run, y = b.run
        if a.parts != b.parts { return "it is part \(a.part) of \(a.parts), the other of \(b.parts) parts" }
        if x.tool != y.tool { return "made by \(x.tool), the other by \(y.tool)" }
        if x.manifestSHA256 != y.manifestSHA256 || x.manifest != y.manifest {
            return "manifest \(x.manifest) (SHA-256 \(x.manifestSHA256.prefix(12))…), the other \(y.manifest) (SHA-256 \(y.manifestSHA256.prefix(12))…)"
        }
        if x.seed != y.seed { return "seed \(x.seed), the other \(y.seed)" }
        if x.variables != y.variables {
            let keys = Set(x.variables.keys).union(y.variables.keys).filter { x.variables[$0] != y.variables[$0] }.sorted()
            return "variables differ: " + keys.map { "\($0)=\(x.variables[$0] ?? "(unset)") vs \(y.variables[$0] ?? "(unset)")" }.joined(separator: ", ")
        }
        if x.inputCount != y.inputCount || x.inputListSHA256 != y.inputListSHA256 {
            return "input list of \(x.inputCount) files (digest \(x.inputListSHA256.prefix(12))…), the other \(y.inputCount) (digest \(y.inputListSHA256.prefix(12))…); the source folders changed between the tasks"
        }
        if x.shuffle != y.shuffle { return "shuffle \(x.shuffle), the other \(y.shuffle)" }
        if x.targetShardBytes != y.targetShardBytes { return "shard size \(x.targetShardBytes) bytes, the other \(y.targetShardBytes)" }
        return "assignment rule \(x.assignment), the other \(y.assignment)"
    }

    /// Every input exactly once, digest and assignment as the run says; returns them in order.
    static func checkInputs(_ parts: [Part]) throws -> [PartInput] {
        let run = parts[0].index.run
        var owner = [Int](repeating: -1, count: run.inputCount)
        var inputs = [PartInput?](repeating: nil, count: run.inputCount)
        for part in parts {
            var records = 0
            for input in part.index.inputs {
                guard input.index >= 0, input.index < run.inputCount else {
                    throw PipelineError.damagedPart(path: part.folder.path, reason: "input \(input.index) is outside the run's \(run.inputCount) inputs")
                }
                guard owner[input.index] < 0 else {
                    throw PipelineError.damagedPart(path: part.folder.path, reason: "input \(input.index) (\(input.listed.first?.path ?? "?")) is also in part \(owner[input.index])")
                }
                owner[input.index] = part.index.part
                inputs[input.index] = input
                records += input.records
            }
            guard records == part.index.records, (records > 0) == (part.index.dataset != nil), (records > 0) == (part.index.order != nil) else {
                throw PipelineError.damagedPart(path: part.folder.path, reason: "part.json counts \(part.index.records) records but its inputs \(records)")
            }
        }
        if let gap = owner.firstIndex(of: -1) {
            throw PipelineError.damagedPart(path: parts[0].folder.path, reason: "no part holds input \(gap) of \(run.inputCount)")
        }
        let all = inputs.map { $0! }  // every slot was filled: no gap above
        var digest = InputListDigest()
        for input in all { digest.add(input.listed) }
        guard digest.finalize() == run.inputListSHA256 else {
            throw PipelineError.damagedPart(path: parts[0].folder.path, reason: "the parts' inputs do not add up to the run's input list (digest mismatch)")
        }
        let assignment = WorkBalancer.assign(weights: all.map { InputListDigest.weight($0.listed) }, parts: parts.count)
        if let wrong = all.indices.first(where: { assignment[$0] != owner[$0] }) {
            throw PipelineError.damagedPart(path: parts[owner[wrong]].folder.path,
                                            reason: "holds input \(wrong), which rule \(run.assignment) gives to part \(assignment[wrong])")
        }
        return all
    }

    /// Records in the whole run.
    public var records: Int { parts.reduce(0) { $0 + $1.index.records } }
}
