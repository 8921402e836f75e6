/// Deterministic, work-balanced assignment of items to parts: greedy longest-processing-time
/// (LPT) scheduling.
///
/// The rule (rule name ``ruleName``, recorded in every part so a merge can recompute it):
/// 1. Each item weighs `max(weight, 1)` (so items of unknown or zero size still spread by count).
/// 2. Items are taken heaviest first; equal weights in input order (lower index first).
/// 3. Each goes to the part with the least total weight so far; equal totals to the lower part.
///
/// LPT keeps the heaviest part within 4/3 of the best possible split (Graham 1969), and for many
/// items of mixed size it is far closer: the last items placed are the lightest ones, which fill
/// the gaps. Only the weights and the part count decide, never the machine, so every task of a
/// job array computes the same assignment on its own, and a merge can check it.
///
/// - Complexity: O(n log n + n log parts) for n items.
public enum WorkBalancer {
    /// Name of the rule, stored in partial outputs.
    public static let ruleName = "lpt-v1"

    /// The part (0..<parts) of each item, in item order.
    public static func assign(weights: [UInt64], parts: Int) -> [Int] {
        precondition(parts >= 1, "parts must be at least 1, got \(parts)")
        let order = weights.indices.sorted { a, b in
            let wa = max(weights[a], 1), wb = max(weights[b], 1)
            return wa != wb ? wa > wb : a < b
        }
        var heap = LoadHeap(parts: parts)
        var result = [Int](repeating: 0, count: weights.count)
        for item in order {
            result[item] = heap.addToLightest(max(weights[item], 1))
        }
        return result
    }

    /// The items of part `part`, in item order.
    public static func items(of part: Int, weights: [UInt64], parts: Int) -> [Int] {
        assign(weights: weights, parts: parts).enumerated().filter { $0.element == part }.map(\.offset)
    }

    /// Total weight per part for `assignment`, for reports and tests.
    public static func loads(weights: [UInt64], assignment: [Int], parts: Int) -> [UInt64] {
        var loads = [UInt64](repeating: 0, count: parts)
        for (item, part) in assignment.enumerated() { loads[part] += max(weights[item], 1) }
        return loads
    }

    /// A binary min-heap of (load, part), ordered by load then part number.
    struct LoadHeap {
        private var nodes: [(load: UInt64, part: Int)]

        init(parts: Int) { nodes = (0..<parts).map { (0, $0) } }  // already a heap: loads equal, parts ascending

        private func less(_ a: Int, _ b: Int) -> Bool {
            nodes[a].load != nodes[b].load ? nodes[a].load < nodes[b].load : nodes[a].part < nodes[b].part
        }

        /// Adds `weight` to the lightest part and returns that part.
        mutating func addToLightest(_ weight: UInt64) -> Int {
            let part = nodes[0].part
            nodes[0].load &+= weight
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < nodes.count, less(l, m) { m = l }
                if r < nodes.count, less(r, m) { m = r }
                if m == i { break }
                nodes.swapAt(i, m)
                i = m
            }
            return part
        }
    }
}
