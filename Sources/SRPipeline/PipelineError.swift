/// Everything that can stop `prep run` after the manifest was read (manifest problems are
/// ``ManifestDiagnostic``s). Each description names the file and says what to do.
public enum PipelineError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The manifest file itself cannot be read.
    case unreadableManifest(path: String, reason: String)
    /// A source folder does not exist or cannot be listed.
    case sourceFolderMissing(source: String, path: String, reason: String)
    /// A source folder holds a file matching the glob whose name is not valid UTF-8; `name` shows
    /// it with `\xNN` escapes.
    case fileNameNotUTF8(source: String, folder: String, name: String)
    /// A source matched no files.
    case noInputs(source: String, path: String, glob: String)
    /// Several sources are paired by file stem, and one stem is missing from a source.
    case unpairedInput(source: String, stem: String, other: String)
    /// A file of a source with `stem: PATTERN` whose name does not have the pattern's form.
    case stemMismatch(source: String, name: String, pattern: String)
    /// Two files of one source pair with the same key (`a.png` and `a.bmp`, or two stems one
    /// pattern maps alike), so which one pairs is ambiguous.
    case ambiguousPairing(source: String, key: String, first: String, second: String)
    /// An input image cannot be read or decoded; `--skip-bad` skips such files instead.
    case badImage(path: String, reason: String)
    /// An operation cannot apply to an item of an image (too small for a crop, wrong channels…).
    case operationFailed(stage: String, path: String, reason: String)
    /// A field's items do not all have the same shape, which a shard schema requires.
    case fieldShapeMismatch(field: String, path: String, expected: [Int], actual: [Int])
    /// No image produced a record, so there is nothing to write.
    case noRecords(images: Int, withoutRecords: Int, skipped: Int)
    /// Writing the shards failed (the writer's own message, which names the file).
    case output(String)
    /// The dataset was written before records carried their provenance (shard format version 1),
    /// so BasicSR names and `prep inspect --record` sources cannot be given.
    case noRecordProvenance(path: String)
    /// `--force` on a part folder that holds files no partial dataset has.
    case partOutputHasForeignFiles(path: String, entries: [String])
    /// `prep merge` was given a folder that is not a finished part (and not a folder of parts).
    case notAPart(path: String, reason: String)
    /// A part's files fail their checks (checksum, SHA-256, CRC32C, counts).
    case damagedPart(path: String, reason: String)
    /// Two parts were made by different runs; `what` names the difference.
    case partsDiffer(path: String, other: String, what: String)
    /// The same part number twice.
    case duplicatePart(part: Int, parts: Int, paths: [String])
    /// Part numbers missing from the set given to `prep merge`.
    case missingParts(missing: [Int], parts: Int, found: Int)
    /// `prep merge` found no part at all.
    case noParts(paths: [String])

    public var description: String {
        switch self {
        case let .unreadableManifest(path, reason):
            return "\(path): cannot read the manifest: \(reason)."
        case let .sourceFolderMissing(source, path, reason):
            return "\(path): source '\(source)' cannot be listed: \(reason); fix the folder in the manifest or pass --source \(source)=FOLDER."
        case let .fileNameNotUTF8(source, folder, name):
            return "\(folder): source '\(source)' holds '\(name)', whose name is not valid UTF-8 (\\xNN marks each byte that is not); SRKit records input names as UTF-8 in index.json, so rename it (e.g. `convmv -f latin1 -t utf8 --notest FILE`) or move it out of the folder."
        case let .noInputs(source, path, glob):
            return "\(path): source '\(source)' matched no files with glob '\(glob)'; check the folder and the glob."
        case let .unpairedInput(source, stem, other):
            return "source '\(source)' has no file named '\(stem).*' to pair with source '\(other)'; sources are paired by file name without extension (or by the {} of a source's stem pattern)."
        case let .stemMismatch(source, name, pattern):
            return "\(name): its name does not have the form of source '\(source)''s stem pattern \"\(pattern)\"; give the source a glob that lists only such files, or fix the pattern."
        case let .ambiguousPairing(source, key, first, second):
            return "source '\(source)' has two files that pair as '\(key)' (\(first) and \(second)); give the source a glob that keeps one of them."
        case let .badImage(path, reason):
            return "\(path): cannot use this image: \(reason) (pass --skip-bad to skip bad images and list them in index.json)."
        case let .operationFailed(stage, path, reason):
            return "\(path): stage '\(stage)' failed: \(reason)."
        case let .fieldShapeMismatch(field, path, expected, actual):
            return "\(path): field '\(field)' has shape \(actual.map(String.init).joined(separator: "x")) but earlier records have \(expected.map(String.init).joined(separator: "x")); shards need one shape per field, so add patches or center-crop + resize before it."
        case let .noRecords(images, withoutRecords, skipped):
            return "the run produced no records (\(images) images: \(withoutRecords) too small or filtered out, \(skipped) skipped); nothing was written. Check the source folder and the patch or crop sizes."
        case let .output(message):
            return message
        case let .noRecordProvenance(path):
            return "\(path): the dataset has no per-record provenance (shard format version 1, written before SRKit stored it); run prep run again to get record names and windows."
        case let .partOutputHasForeignFiles(path, entries):
            return "\(path): --force only replaces a previous part (part.json, order.bin, shards/) but the folder also holds \(Self.list(entries)); move those files away or choose another folder."
        case let .notAPart(path, reason):
            return "\(path): not a finished part (\(reason)); run its task again (prep run MANIFEST --partition K/N --output \(path) --force)."
        case let .damagedPart(path, reason):
            return "\(path): damaged part: \(reason); run that part's task again with --force, then merge."
        case let .partsDiffer(path, other, what):
            return "\(path): not from the same run as \(other): \(what); merge the parts of one run only (run the odd part again with the same manifest, --set values, inputs and SRKit version)."
        case let .duplicatePart(part, parts, paths):
            return "part \(part)/\(parts) was given twice (\(paths.joined(separator: ", "))); pass each part once."
        case let .missingParts(missing, parts, found):
            return "\(missing.count) of \(parts) parts missing (\(Self.list(missing.map { "\($0)/\(parts)" }))); found \(found); run the missing tasks (prep run MANIFEST --partition K/\(parts)), then merge again."
        case let .noParts(paths):
            return "no part found in \(Self.list(paths)); pass the part folders (each with part.json) or the folder holding them."
        }
    }

    private static func list(_ entries: [String]) -> String {
        let shown = entries.prefix(8).joined(separator: ", ")
        return entries.count > 8 ? "\(shown) and \(entries.count - 8) more" : shown
    }
}
