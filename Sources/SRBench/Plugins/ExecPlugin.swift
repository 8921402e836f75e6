import Dispatch
import Foundation
import SRImage

/// `--model exec:'COMMAND'`: any external model, run as a shell command once per dataset × scale.
///
/// For each cell the runner's LR images are written as 8-bit PNG to a fresh temporary folder
/// (`<image name>.png`); `COMMAND` runs through `/bin/sh -c` in `bench`'s working directory with
/// the placeholders below replaced; it must write one SR image per LR into the output folder,
/// named as ``SROutputLookup`` accepts (`baby.png`, `baby_x4.png`, `baby_SR.png`, …), of exactly
/// the modcropped HR size. Then the runner scores them, each read with the channels its file
/// stores and put through the protocol's grey rule like the HR.
///
/// | placeholder | value | also in the environment as |
/// |---|---|---|
/// | `{input_dir}` | folder of LR PNGs | `SRKIT_INPUT_DIR` |
/// | `{output_dir}` | empty folder for the SR images | `SRKIT_OUTPUT_DIR` |
/// | `{scale}` | integer factor | `SRKIT_SCALE` |
/// | `{dataset}` | catalogue key (`set5`) | `SRKIT_DATASET` |
///
/// What the command gets follows the protocol's `model_space` (recorded in the report):
/// - `rgb` (`basicsr`, `selfexsr`): PNGs holding exactly the uint8 LR the protocol defines, RGB
///   or (under `selfexsr`, for a one-channel dataset image) one channel; it returns the same.
/// - `y` (`srcnn`): grey PNGs of the LR luma, rounded once to uint8 because PNG stores integers
///   (the native flow keeps that LR as an unrounded float, so an `exec:` model sees up to ±0.5 of
///   extra quantisation); it returns one-channel files, its Y. An RGB file is RGB whatever its
///   values and is scored on its `rgb2ycbcr` (so a Y plane saved as three equal channels is not Y).
///
/// Values are inserted shell-quoted when they hold anything but letters, digits and `_ . / - +`,
/// so paths with spaces are safe; SRKit's own temporary paths never need quoting. The command is
/// killed (its whole process group) after ``timeout`` seconds; a non-zero exit shows the tail of
/// its stderr. Nothing the command starts outlives its cell or `bench` (see ``ShellCommand``),
/// and the temporary folders never outlive a run (see ``ExecWorkFolder``); messages about its
/// output files therefore name them `{output_dir}/…`. Seconds per image are the command's wall time (start-up included, PNG writing and
/// reading by `bench` excluded) over the images.
public struct ExecPlugin: BatchModelPlugin {
    /// Default `--model-timeout`: one hour per dataset × scale, generous for a CPU run of a large
    /// network on DIV2K, short enough that a hung command does not block CI for good.
    public static let defaultTimeout: Double = 3600

    /// The command template as given after `exec:`.
    public let command: String
    /// Longest run of one command, seconds.
    public let timeout: Double

    /// A plugin for `command` (placeholders unexpanded). Throws when the command is empty or the
    /// timeout is not a positive number.
    public init(command: String, timeout: Double = ExecPlugin.defaultTimeout) throws {
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw BenchError.badModelSpec(spec: "exec:", reason: "the command is empty",
                                          fix: "give one, e.g. exec:'python3 model.py {input_dir} {output_dir} {scale}'")
        }
        guard timeout > 0, timeout.isFinite else {
            throw BenchError.badModelSpec(spec: "exec:\(command)", reason: "the timeout \(BenchError.seconds(timeout)) is not a positive number of seconds",
                                          fix: "pass --model-timeout SECONDS greater than 0")
        }
        self.command = command
        self.timeout = timeout
    }

    public var name: String { "exec:\(command)" }

    public var reportDetails: [String: String] {
        [
            "command": command,
            "lr_files": "8-bit PNG per image: grey luma rounded to uint8 when model_space is y, the uint8 RGB LR when it is rgb",
            "timeout_seconds": BenchError.seconds(timeout),
            "timing": "wall time of one command run per dataset x scale, divided by its images (start-up included, LR/SR file handling by bench excluded)",
        ]
    }

    /// `command` with placeholders replaced by the (quoted when needed) values.
    static func expand(_ command: String, values: [String: String]) -> String {
        var out = command
        for (key, value) in values { out = out.replacingOccurrences(of: "{\(key)}", with: shellQuoted(value)) }
        return out
    }

    /// `value` as one shell word: unchanged when it is plainly safe, else in single quotes.
    static func shellQuoted(_ value: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+")
        if !value.isEmpty, value.allSatisfy(safe.contains) { return value }
        return "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    public func upscale(batch: ModelBatch) throws -> ModelBatchOutput {
        let work = try ExecWorkFolder.create(command: command)
        defer { work.remove() }
        let input = work.input, output = work.output

        // Encode in parallel: PNG compression of a DIV2K cell takes seconds on one core.
        do {
            _ = try Self.parallel(batch.inputs.count) { i in
                let item = batch.inputs[i]
                try ImageEncoder.write(item.lr.toBytes(), to: "\(input)/\(item.imageName).png")
            }
        } catch {
            // The work folder is removed before the message is read: name the LR file by its
            // placeholder and the folder that held it by the one the user can act on ($TMPDIR).
            let parent = (work.path as NSString).deletingLastPathComponent
            let detail = "\(error)".replacingOccurrences(of: input, with: "{input_dir}").trimmingCharacters(in: CharacterSet(charactersIn: "."))
            throw BenchError.commandNotStarted(command: command, reason: "its LR images could not be written to {input_dir}, a temporary folder in \(parent) (\(detail)); free space there or set TMPDIR to another folder")
        }

        let values = ["input_dir": input, "output_dir": output, "scale": String(batch.scale), "dataset": batch.dataset]
        let shell = ShellCommand(
            commandLine: Self.expand(command, values: values),
            environment: ["SRKIT_INPUT_DIR": input, "SRKIT_OUTPUT_DIR": output,
                          "SRKIT_SCALE": String(batch.scale), "SRKIT_DATASET": batch.dataset],
            logFolder: work.path, timeout: timeout)
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try shell.run()
        let elapsed = clock.now - start
        switch outcome {
        case .success: break
        case .timedOut:
            throw BenchError.commandTimedOut(command: command, dataset: batch.dataset, scale: batch.scale, seconds: timeout)
        case let .failed(status):
            // The tail often names LR or SR files (a traceback); they are gone when it is read.
            let tail = shell.stderrTail().replacingOccurrences(of: output, with: "{output_dir}").replacingOccurrences(of: input, with: "{input_dir}")
            throw BenchError.commandFailed(command: command, dataset: batch.dataset, scale: batch.scale, status: status, stderr: tail)
        }

        do {
            let images = try Self.parallel(batch.inputs.count) { i in
                let item = batch.inputs[i]
                return try SROutputLookup.read(try SROutputLookup.find(item, in: [output], model: name), for: item)
            }
            return ModelBatchOutput(images: images, modelSeconds: ScoreRunner.seconds(elapsed))
        } catch {
            // The work folder is gone by the time anyone reads the message, so name its files
            // by the placeholders the user wrote in the command.
            throw BenchError.externalOutputRejected(
                "\(error)".replacingOccurrences(of: output, with: "{output_dir}").replacingOccurrences(of: input, with: "{input_dir}"))
        }
    }

    /// `body(0..<count)` on all cores; the results in order, or the first error in index order.
    static func parallel<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let slots = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, Result { try body(i) }) }
        return try slots.values()
    }
}
