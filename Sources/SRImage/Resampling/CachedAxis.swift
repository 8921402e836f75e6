import Foundation

/// One axis's MATLAB taps with what the passes derive from them (`Float` weights, the row
/// window), computed once per (input count, output count, scale, antialiasing) and shared.
///
/// Resizing a data set calls the resampler thousands of times with a handful of geometries;
/// recomputing the taps cost about 5 % of a 512x512 x1/4 resize.
struct CachedAxis: @unchecked Sendable {
    /// The taps, with `Double` weights (the exact path and near-tie repair).
    let axis: AxisWeights
    /// `axis.weights` rounded to `Float` (the byte API's passes).
    let floatWeights: [Float]
    /// ``AxisWeights/window``.
    let window: Int

    init(_ axis: AxisWeights) {
        self.axis = axis
        floatWeights = axis.weights.map { Float($0) }
        window = axis.window
    }

    /// Calls `body` with the weights in `Scalar` (`Float` or `Double`).
    @inline(__always)
    func withWeights<Scalar: BinaryFloatingPoint, R>(_: Scalar.Type, _ body: (UnsafeBufferPointer<Scalar>) -> R) -> R {
        if Scalar.self == Float.self {
            return floatWeights.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0).bindMemory(to: Scalar.self)) }
        }
        precondition(Scalar.self == Double.self)
        return axis.weights.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0).bindMemory(to: Scalar.self)) }
    }

    private struct Key: Hashable {
        let inputCount: Int, outputCount: Int, scale: Double, antialiasing: Bool
    }

    /// A small cache of recent geometries; cleared when full (a data set has few).
    nonisolated(unsafe) private static var entries: [Key: CachedAxis] = [:]
    private static let lock = NSLock()
    private static let capacity = 32

    /// ``AxisWeights/matlabCubic(inputCount:outputCount:scale:antialiasing:)``, cached.
    static func matlabCubic(inputCount: Int, outputCount: Int, scale: Double, antialiasing: Bool) -> CachedAxis {
        let key = Key(inputCount: inputCount, outputCount: outputCount, scale: scale, antialiasing: antialiasing)
        lock.lock()
        if let hit = entries[key] { lock.unlock(); return hit }
        lock.unlock()
        let made = CachedAxis(.matlabCubic(inputCount: inputCount, outputCount: outputCount, scale: scale, antialiasing: antialiasing))
        lock.lock()
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = made
        lock.unlock()
        return made
    }
}
