import SRImage

/// `patches`: square windows on a grid, aligned across several inputs.
///
/// Windows start at 0, stride, 2·stride, … on each axis while they fit, rows outer and columns
/// inner, as in the SRCNN authors' `generate_train.m` (`for x = 1:stride:h-size+1, for y = …`).
/// An image smaller than the window yields no window; the executor counts such images. With
/// `cover_edges` a last window is added flush with the far edge, as BasicSR's sub-image script does.
enum Patches {
    static func extract(_ inputs: [[PipelineItem]], names: [String], parameters p: PatchParameters,
                        fail: (String) -> PipelineError) throws -> [[PipelineItem]] {
        let refIndex = names.firstIndex(of: p.reference) ?? 0
        let others = inputs.indices.map { i in
            Dictionary(inputs[i].map { ($0.key, $0.image) }, uniquingKeysWith: { first, _ in first })
        }
        var outputs = [[PipelineItem]](repeating: [], count: inputs.count)
        for item in inputs[refIndex] {
            let ref = item.image
            // Each input's window shrinks by its size ratio to the reference (LR at 1/scale).
            var images: [PipelineImage] = []
            var factors: [Int] = []
            for i in inputs.indices {
                guard let image = i == refIndex ? ref : others[i][item.key] else { break }
                let factor = ref.width / max(1, image.width)
                guard factor >= 1, image.width * factor == ref.width, image.height * factor == ref.height,
                      p.size % factor == 0, p.stride % factor == 0 else {
                    throw fail("input '\(names[i])' is \(image.width)x\(image.height) and the reference '\(p.reference)' is \(ref.width)x\(ref.height); aligned inputs must be the same size or an integer factor smaller that divides size and stride (modcrop the HR by the scale first)")
                }
                images.append(image)
                factors.append(factor)
            }
            guard images.count == inputs.count else { continue }  // inner join: a branch dropped this item
            guard ref.width >= p.size, ref.height >= p.size else { continue }
            var index: Int32 = 0
            for y in origins(ref.height, p) {
                for x in origins(ref.width, p) {
                    // Window numbers count every window of the grid, as BasicSR's `_s001` names do.
                    var provenance = item.provenance
                    (provenance.window, provenance.x, provenance.y, provenance.width, provenance.height) = (Int(index) + 1, x, y, p.size, p.size)
                    for i in inputs.indices {
                        let f = factors[i], s = p.size / f
                        let window = try images[i].map(bytes: { try $0.cropped(x: x / f, y: y / f, width: s, height: s) },
                                                       floats: { try $0.cropped(x: x / f, y: y / f, width: s, height: s) })
                        outputs[i].append(PipelineItem(key: item.key + [index], image: window, provenance: provenance))
                    }
                    index += 1
                }
            }
        }
        return outputs
    }

    /// Window starts along one axis of `length` pixels.
    static func origins(_ length: Int, _ p: PatchParameters) -> [Int] {
        var starts = Array(stride(from: 0, through: length - p.size, by: p.stride))
        if p.coverEdges, let last = starts.last, last + p.size < length {
            starts.append(length - p.size)
        }
        return starts
    }
}
