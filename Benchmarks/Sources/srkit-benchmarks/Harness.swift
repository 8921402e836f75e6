import Foundation

/// One measured case: how much work one run does (`work` units of `unit`), and how long each
/// timed run took. Throughput is `work / median`.
struct Measurement: Encodable {
    /// Case label, e.g. `"decode png"`, `"matlab-bicubic x1/4"`.
    let name: String
    /// What was processed, e.g. `"lenna.png 512x512x3"`.
    let input: String
    /// `"MB/s"` (decoded pixel bytes, 10^6) or `"MP/s"` (input pixels, 10^6).
    let unit: String
    /// Units of work per run: decoded MB or input megapixels.
    let work: Double
    /// Encoded file MB per run, for decode cases; nil otherwise.
    let fileMegabytes: Double?
    /// Wall-clock seconds of each timed run, in run order.
    let seconds: [Double]

    /// Median run time in seconds (mean of the middle two for an even count).
    var median: Double {
        let sorted = seconds.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Fastest run in seconds.
    var minimum: Double { seconds.min() ?? .nan }

    /// Throughput from the median run: `work / median`, in ``unit``.
    var rate: Double { work / median }

    /// Encoded-file MB per second from the median run, for decode cases.
    var fileRate: Double? { fileMegabytes.map { $0 / median } }

    private enum CodingKeys: String, CodingKey {
        case name, input, unit, work, fileMegabytes, seconds
        case rate, fileRate, medianMilliseconds, minMilliseconds, runs
    }

    /// The recorded fields plus the derived ones (rate, median, min, runs), so the JSON reads
    /// without recomputing.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(input, forKey: .input)
        try c.encode(unit, forKey: .unit)
        try c.encode(work, forKey: .work)
        try c.encodeIfPresent(fileMegabytes, forKey: .fileMegabytes)
        try c.encode(rate, forKey: .rate)
        try c.encodeIfPresent(fileRate, forKey: .fileRate)
        try c.encode(median * 1e3, forKey: .medianMilliseconds)
        try c.encode(minimum * 1e3, forKey: .minMilliseconds)
        try c.encode(seconds.count, forKey: .runs)
        try c.encode(seconds, forKey: .seconds)
    }
}

/// How many times to run a case: `warmup` untimed runs, then timed runs until both `minRuns`
/// and `minSeconds` are reached, stopping at `maxRuns`.
struct RunPolicy {
    var warmup = 3
    var minRuns = 10
    var minSeconds = 1.0
    var maxRuns = 2000
}

/// Times `body` with `ContinuousClock` as `policy` says. `body` returns a value that is passed
/// to ``blackHole(_:)`` so the optimiser cannot drop the work.
func measure<T>(
    _ name: String, input: String, unit: String, work: Double, fileMegabytes: Double? = nil,
    policy: RunPolicy = RunPolicy(), _ body: () throws -> T
) rethrows -> Measurement {
    let clock = ContinuousClock()
    for _ in 0..<policy.warmup { blackHole(try body()) }
    var seconds: [Double] = []
    var total = 0.0
    while seconds.count < policy.maxRuns && (seconds.count < policy.minRuns || total < policy.minSeconds) {
        let start = clock.now
        let value = try body()
        let elapsed = (clock.now - start).seconds
        blackHole(value)
        seconds.append(elapsed)
        total += elapsed
    }
    return Measurement(name: name, input: input, unit: unit, work: work, fileMegabytes: fileMegabytes, seconds: seconds)
}

/// Keeps `value` alive and opaque to the optimiser.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

extension Duration {
    /// This duration in seconds.
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}

/// Prints measurements as the fixed-width table the Python peers print too
/// (`Benchmarks/python/timing.py`): case, input, rate, unit, file MB/s, median ms, min ms, runs.
func printTable(title: String, _ measurements: [Measurement]) {
    let header = ["case", "input", "rate", "unit", "file MB/s", "median ms", "min ms", "runs"]
    let rows = measurements.map { m in
        [m.name, m.input, fixed(m.rate, 1), m.unit, m.fileRate.map { fixed($0, 1) } ?? "-",
         fixed(m.median * 1e3, 2), fixed(m.minimum * 1e3, 2), String(m.seconds.count)]
    }
    let widths = header.indices.map { i in rows.reduce(header[i].count) { max($0, $1[i].count) } }
    let leftAligned: Set<Int> = [0, 1, 3]
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            let pad = String(repeating: " ", count: widths[i] - cell.count)
            return leftAligned.contains(i) ? cell + pad : pad + cell
        }.joined(separator: "  ")
    }
    print("== \(title)")
    print(line(header))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for row in rows { print(line(row)) }
    print()
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

/// The JSON file `--json` writes: when, where, and every measurement with its raw run times.
struct Report: Encodable {
    /// ISO 8601 time the report was written.
    let date: String
    /// Cores the resamplers split work over.
    let activeProcessorCount: Int
    /// `/proc/loadavg` (1, 5, 15 min) at the end of the run: above ~0.5 on this 2-core machine
    /// other jobs were competing for the cores and the figures are pessimistic.
    let loadAverage: String
    let results: [Measurement]

    /// Writes the report as pretty-printed JSON to `path`.
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}

/// The 1, 5 and 15 minute load averages from `/proc/loadavg`, or "unknown" off Linux.
func currentLoadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
