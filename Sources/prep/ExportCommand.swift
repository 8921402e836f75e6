import ArgumentParser
import Foundation
import SRImage
import SRPipeline
import SRShards

/// `prep export`: one image field of one record as an image file, or a whole dataset as
/// BasicSR-style image folders.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write records of a shard dataset as image files.",
        discussion: """
            With --record and --field, writes that record's field to OUT. The field must be uint8 \\
            with shape HWC or CHW and 1 or 3 channels; float32 fields are refused, since their \\
            value range is not recorded in the schema. The format follows OUT's extension \\
            (.png, .bmp, .tif, .jpg) and the file is written atomically. With --basicsr-name, \\
            OUT is a folder and the file is named as BasicSR names sub-images: \\
            <image>_s001.png for window 1 of <image>, _v<k> added for augment variant k.

            With --all, OUT is a new folder that receives every record in BasicSR's paired \\
            layout: one folder per image field (OUT/hr, OUT/lr), the same BasicSR names in each, \\
            so OUT/hr and OUT/lr are BasicSR's dataroot_gt and dataroot_lq. The folder is staged \\
            and appears complete or not at all.

            Names come from each record's stored provenance (datasets written by this SRKit, \\
            shard format version 2).

            Examples:
              prep export out/t91 --record 0 --field hr hr0.png
              prep export out/t91 --record 0 --field hr --basicsr-name exported/
              prep export out/div2k-sub --all DIV2K_sub
            """
    )

    @Argument(help: "A dataset folder (with index.json) or a .srshard file.")
    var path: String

    @Option(help: "Record number, from 0 (across all shards).")
    var record: Int?

    @Option(help: "Field name from the schema, e.g. hr or lr.")
    var field: String?

    @Flag(help: "Export every record, one folder per image field (BasicSR's layout).")
    var all = false

    @Option(help: "With --all: the fields to export, comma-separated (default: every uint8 image field).")
    var fields: String?

    @Flag(help: "OUT is a folder; name the file as BasicSR names the sub-image.")
    var basicsrName = false

    @Option(help: "Image format for --all and --basicsr-name: png, bmp, tif or jpg.")
    var format = "png"

    @Argument(help: "The image file (or folder with --all or --basicsr-name) to write.")
    var output: String

    func validate() throws {
        if all {
            if record != nil || field != nil { throw ValidationError("--all exports every record; leave out --record and --field.") }
            if basicsrName { throw ValidationError("--all always uses BasicSR names; leave out --basicsr-name.") }
        } else {
            if record == nil || field == nil { throw ValidationError("give --record N and --field NAME, or --all.") }
            if fields != nil { throw ValidationError("--fields goes with --all; for one record use --field.") }
        }
        if !["png", "bmp", "tif", "jpg"].contains(format) { throw ValidationError("--format must be png, bmp, tif or jpg.") }
    }

    func run() throws {
        let dataset = try ShardDataset(contentsOf: URL(fileURLWithPath: path))
        if all {
            RunLeftovers.removeOnInterrupt()  // the staging folder goes with SIGINT/SIGTERM
            let chosen = fields.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            let summary = try DatasetExport.exportAll(dataset, to: URL(fileURLWithPath: output), fields: chosen, fileExtension: format)
            print("\(output): \(summary.records) record(s) as \(summary.files) \(format) file(s) (\(summary.bytes) bytes) in \(summary.fields.map { "\(output)/\($0)" }.joined(separator: ", "))")
            return
        }
        guard let record, let field else { return }  // validate() requires both
        guard let position = dataset.schema.fields.firstIndex(where: { $0.name == field }) else {
            throw ShardError.unknownField(path: path, field: field, known: dataset.schema.fields.map(\.name))
        }
        let schemaField = dataset.schema.fields[position]
        let (shard, local) = try dataset.locate(record)
        let image = try shard.withRecord(local) { try FieldImage(field: schemaField, bytes: $0[position], path: path) }
        var target = output
        if basicsrName {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            target = URL(fileURLWithPath: output).appendingPathComponent("\(try DatasetExport.basicSRName(dataset, record: record)).\(format)").path
        }
        try ImageEncoder.write(ByteImage(width: image.width, height: image.height, channels: image.channels, samples: image.samples), to: target)
        print("\(target): record \(record) field \(field), \(image.width)x\(image.height), \(image.channels) channel(s)")
    }
}
