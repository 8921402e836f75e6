import ArgumentParser
import Foundation
import SRImage
import SRShards

/// `prep export DIR --record N --field hr OUT.png`: one image field of one record as an image file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one record's image field from a shard dataset as an image file.",
        discussion: """
            The field must be uint8 with shape HWC or CHW and 1 or 3 channels. float32 fields \
            are refused: their value range is not recorded in the schema. The output format \
            follows OUT's extension (.png, .bmp, .tif, .jpg) and is written atomically.

            Example:
              prep export out/t91 --record 0 --field hr hr0.png
            """
    )

    @Argument(help: "A dataset folder (with index.json) or a .srshard file.")
    var path: String

    @Option(help: "Record number, from 0 (across all shards).")
    var record: Int

    @Option(help: "Field name from the schema, e.g. hr or lr.")
    var field: String

    @Argument(help: "The image file to write, e.g. hr0.png.")
    var output: String

    func run() throws {
        let dataset = try ShardDataset(contentsOf: URL(fileURLWithPath: path))
        guard let position = dataset.schema.fields.firstIndex(where: { $0.name == field }) else {
            throw ShardError.unknownField(path: path, field: field, known: dataset.schema.fields.map(\.name))
        }
        let schemaField = dataset.schema.fields[position]
        let (shard, local) = try dataset.locate(record)
        let image = try shard.withRecord(local) { try FieldImage(field: schemaField, bytes: $0[position], path: path) }
        try ImageEncoder.write(ByteImage(width: image.width, height: image.height, channels: image.channels, samples: image.samples), to: output)
        print("\(output): record \(record) field \(field), \(image.width)x\(image.height), \(image.channels) channel(s)")
    }
}
