/// Reads a `torch.save` checkpoint (PyTorch ≥ 1.6 zip format): `<name>/data.pkl` is unpickled by
/// the restricted ``PickleMachine`` and every tensor it references is read from
/// `<name>/data/<key>` (raw little-endian storage bytes).
///
/// Works for a bare `state_dict`, `{"state_dict": …}` (Lightning) and other nested dicts/lists;
/// tensors are named by their dotted path in the pickle (`state_dict.model.conv1.weight`).
struct TorchCheckpointReader {
    let bytes: [UInt8]
    let path: String
    func read() throws -> [(name: String, tensor: Tensor)] {
        let archive = try ZipArchive(bytes: bytes, path: path)
        guard let pickleEntry = archive.entries.first(where: { $0.name == "data.pkl" || $0.name.hasSuffix("/data.pkl") }) else {
            throw ModelError.malformed(path: path, reason: "the zip holds no data.pkl, so it is not a torch.save checkpoint")
        }
        let prefix = String(pickleEntry.name.dropLast("data.pkl".count))
        if let order = archive.entry(prefix + "byteorder"), let text = try? archive.contents(of: order), text.starts(with: Array("big".utf8)) {
            throw ModelError.malformed(path: path, reason: "the checkpoint was saved on a big-endian machine, which is not supported")
        }
        var machine = PickleMachine(bytes: try archive.contents(of: pickleEntry), path: path)
        let root = try machine.run()
        var storages = [String: [UInt8]]()
        var out = [(name: String, tensor: Tensor)]()
        for (name, view) in try machine.tensors(from: root) {
            if storages[view.key] == nil {
                guard let entry = archive.entry(prefix + "data/" + view.key) else {
                    throw ModelError.malformed(path: path, reason: "tensor '\(name)' refers to storage \(view.key) but \(prefix)data/\(view.key) is missing")
                }
                // The zip declares the storage's size before a byte is inflated: refuse what no
                // SR model holds instead of inflating a 1 GiB bomb first.
                let values = entry.uncompressedSize / max(1, view.dtype.size)
                guard values <= CheckpointLimits.maximumValuesPerArray else {
                    throw ModelError.tooLarge(path: path, what: "storage \(prefix)data/\(view.key) (tensor '\(name)')",
                                              declared: "\(entry.uncompressedSize) bytes (\(values) values)",
                                              limit: "\(CheckpointLimits.maximumValuesPerArray) values per array")
                }
                storages[view.key] = try archive.contents(of: entry)
            }
            let storage = storages[view.key] ?? []
            let elements = storage.count / view.dtype.size
            var last = view.offset
            var empty = false
            for (d, s) in zip(view.shape, view.stride) {
                if d == 0 { empty = true }
                let (p, o1) = (d - 1).multipliedReportingOverflow(by: s)
                let (sum, o2) = last.addingReportingOverflow(p)
                guard !o1, !o2 else { throw ModelError.malformed(path: path, reason: "tensor '\(name)' has an overflowing size/stride") }
                last = sum
            }
            let count = view.shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            guard count <= Int(Int32.max) else { throw ModelError.malformed(path: path, reason: "tensor '\(name)' is too large") }
            guard empty || last < elements else {
                throw ModelError.truncated(path: path, what: "tensor '\(name)' (\(view.shape), offset \(view.offset)) in storage \(view.key)",
                                           offset: 0, needed: (last + 1) * view.dtype.size, available: storage.count)
            }
            let values = empty ? [] : view.dtype.gather(storage, offset: view.offset, shape: view.shape, stride: view.stride)
            out.append((name, Tensor(shape: view.shape, values: values)))
        }
        return out
    }
}
