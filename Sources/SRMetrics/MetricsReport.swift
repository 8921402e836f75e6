import Foundation
import SRImage

/// The values of several metrics for one SR image and its reference, with the options used,
/// and its two renderings: one line of text and a JSON object (what `bench metrics` prints).
public struct MetricsReport: Sendable, Encodable {
    /// One metric's result.
    public struct Value: Sendable {
        /// The metric that produced it.
        public let metric: any Metric
        /// The value (PSNR may be `+infinity`).
        public let value: Double
    }

    /// Path or label of the SR image, if known.
    public let image: String?
    /// Path or label of the reference image, if known.
    public let reference: String?
    /// The options both images were prepared with.
    public let options: MetricOptions
    /// Results in the order the metrics were given.
    public let values: [Value]

    /// Prepares the pair once and evaluates each of `metrics` on it.
    /// - Throws: ``MetricsError`` from preparation or from the first metric that fails.
    public init(image: ByteImage, reference: ByteImage, options: MetricOptions,
                metrics: [any Metric] = MetricRegistry.standard.metrics,
                imageLabel: String? = nil, referenceLabel: String? = nil) throws {
        let pair = try MetricPair(image, reference: reference, options: options)
        self.values = try metrics.map { Value(metric: $0, value: try $0.evaluate(pair)) }
        self.image = imageLabel
        self.reference = referenceLabel
        self.options = options
    }

    /// The value of the metric named `name`, if it was evaluated.
    public subscript(name: String) -> Double? {
        values.first { $0.metric.name == name }?.value
    }

    /// One line, metrics separated by two spaces: `PSNR 33.6612 dB  SSIM 0.929912`;
    /// an infinite PSNR prints as `inf`.
    public var text: String {
        values.map { v in
            let number = v.value.isFinite
                ? String(format: "%.\(v.metric.fractionDigits)f", v.value)
                : Self.nonFinite(v.value)
            return [v.metric.displayName, number, v.metric.unit].compactMap { $0 }.joined(separator: " ")
        }.joined(separator: "  ")
    }

    /// A JSON object with sorted keys: one key per metric name (`"psnr"`, `"ssim"`) holding its
    /// value, `"options"` (`channel`, `gray`, `round_y`, `shave`), and `"image"`/`"reference"`
    /// when known. JSON has no infinity, so `+infinity` is written as the string `"inf"`
    /// (`-infinity` as `"-inf"`, NaN as `"nan"`, neither of which the built-in metrics produce).
    public func json(pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Writes the JSON layout documented on ``json(pretty:)``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(image, forKey: Key("image"))
        try container.encodeIfPresent(reference, forKey: Key("reference"))
        try container.encode(options, forKey: Key("options"))
        for v in values { try container.encode(v.value, forKey: Key(v.metric.name)) }
    }

    /// The spelling shared by text and JSON output for values that are not finite numbers.
    private static func nonFinite(_ x: Double) -> String {
        x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf")
    }

    /// Metric names are only known at run time, so keys are plain strings.
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
