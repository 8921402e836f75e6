/// A k-way merge of sorted record streams into one dataset: the engine of `prep merge`.
///
/// Each input is a ``ShardRecordStream`` and a function giving the sort key of its next record
/// (nil at its end); each input's keys must ascend. The merge repeatedly writes the record with
/// the smallest key (ties: lower input first) to the writer. It holds one key per input and one
/// read buffer per open shard, so memory is O(inputs), not O(records). What a key means (input
/// order, a shuffle hash) is the caller's business; the merge only compares keys and copies
/// records, so it is the same for any schema and will carry new per-record data the reader and
/// writer learn to carry.
package enum ShardMerge {
    /// One sorted input.
    package struct Input<Key: Comparable> {
        /// Its records.
        package var stream: ShardRecordStream
        /// The key of its next record; nil when it has no more.
        package var nextKey: () throws -> Key?

        /// An input.
        package init(stream: ShardRecordStream, nextKey: @escaping () throws -> Key?) {
            self.stream = stream
            self.nextKey = nextKey
        }
    }

    /// What went wrong in terms of one input, for the caller to word.
    package enum Failure: Error {
        /// Input `input` has more keys than records.
        case tooFewRecords(input: Int)
        /// Input `input` has more records than keys.
        case tooManyRecords(input: Int)
    }

    /// Writes every record of `inputs` to `writer` in ascending key order; returns the count.
    /// `progress` is called every 4096 records with the count so far. Throws ``Failure``, or the
    /// streams' and the key functions' own errors; the writer is left for the caller to finish or abort.
    package static func merge<Key: Comparable>(_ inputs: [Input<Key>], into writer: ShardDatasetWriter,
                                                progress: ((Int) -> Void)? = nil) throws -> Int {
        var heap = MergeHeap<Key>()
        for (i, input) in inputs.enumerated() {
            if let key = try input.nextKey() { heap.push(key, i) }
        }
        var written = 0
        while let (_, i) = heap.pop() {
            guard try inputs[i].stream.next({ try writer.append($0, provenance: $1) }) else { throw Failure.tooFewRecords(input: i) }
            written += 1
            if written & 4095 == 0 { progress?(written) }
            if let key = try inputs[i].nextKey() { heap.push(key, i) }
        }
        for (i, input) in inputs.enumerated() {
            // Reading past the end also checks the last shard's SHA-256.
            if try input.stream.next({ _, _ in }) { throw Failure.tooManyRecords(input: i) }
        }
        progress?(written)
        return written
    }
}

/// A binary min-heap of (key, input), ordered by key then input.
struct MergeHeap<Key: Comparable> {
    private var nodes: [(key: Key, input: Int)] = []

    private func less(_ a: Int, _ b: Int) -> Bool {
        nodes[a].key != nodes[b].key ? nodes[a].key < nodes[b].key : nodes[a].input < nodes[b].input
    }

    mutating func push(_ key: Key, _ input: Int) {
        nodes.append((key, input))
        var i = nodes.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { break }
            nodes.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Key, Int)? {
        guard let top = nodes.first else { return nil }
        let last = nodes.removeLast()
        if !nodes.isEmpty {
            nodes[0] = last
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
        }
        return (top.key, top.input)
    }
}
