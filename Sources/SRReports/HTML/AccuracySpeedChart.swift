import Foundation

/// PSNR against seconds per image as an inline SVG, one point per model: the SRCNN paper's
/// accuracy-versus-speed figure for one dataset × scale.
///
/// Time is on a log axis (interpolation takes milliseconds, networks seconds), with ticks at
/// powers of ten. Models without a measured time (`dir:` outputs) or with an infinite PSNR
/// cannot be placed and are listed under the chart instead.
struct AccuracySpeedChart {
    /// One model's position.
    struct Point {
        let model: String
        let colour: String
        let seconds: Double
        let psnr: Double
    }

    let title: String
    let points: [Point]
    let omitted: [String]

    static let width = 330.0, height = 230.0
    static let left = 50.0, right = 14.0, top = 26.0, bottom = 42.0
    /// Least vertical distance between two point labels on the same side, pixels.
    static let labelSpacing = 11.0

    /// The SVG element (no XML namespace: it is inline HTML).
    func svg() -> String {
        let w = Self.width, h = Self.height
        let plotW = w - Self.left - Self.right, plotH = h - Self.top - Self.bottom
        var out = "<svg class=\"chart\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" aria-label=\"PSNR against seconds per image, \(HTMLText.escape(title))\">"
        out += "<text x=\"\(f(w / 2))\" y=\"16\" text-anchor=\"middle\" class=\"chart-title\">\(HTMLText.escape(title))</text>"
        out += "<rect x=\"\(f(Self.left))\" y=\"\(f(Self.top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" class=\"plot\"/>"
        guard !points.isEmpty else {
            out += "<text x=\"\(f(w / 2))\" y=\"\(f(Self.top + plotH / 2))\" text-anchor=\"middle\" class=\"note\">no timed model</text>"
            return out + omittedNote(y: h - 4) + "</svg>"
        }
        // x: decades around the times.
        let logs = points.map { log10($0.seconds) }
        var x0 = floor(logs.min()!), x1 = ceil(logs.max()!)
        if x1 - x0 < 1 { x1 = x0 + 1 }
        if logs.contains(where: { $0 == x0 }) { x0 -= 0.25 }
        if logs.contains(where: { $0 == x1 }) { x1 += 0.25 }
        // y: a nice step, some room above and below.
        let ps = points.map(\.psnr)
        var y0 = ps.min()!, y1 = ps.max()!
        let pad = max((y1 - y0) * 0.15, 0.25)
        y0 -= pad; y1 += pad
        let step = Self.niceStep((y1 - y0) / 4)
        func px(_ v: Double) -> Double { Self.left + (v - x0) / (x1 - x0) * plotW }
        func py(_ v: Double) -> Double { Self.top + plotH - (v - y0) / (y1 - y0) * plotH }
        var tick = ceil(x0)
        while tick <= x1 {
            out += "<line x1=\"\(f(px(tick)))\" y1=\"\(f(Self.top))\" x2=\"\(f(px(tick)))\" y2=\"\(f(Self.top + plotH))\" class=\"grid\"/>"
            out += "<text x=\"\(f(px(tick)))\" y=\"\(f(Self.top + plotH + 14))\" text-anchor=\"middle\" class=\"tick\">\(Self.secondsLabel(tick))</text>"
            tick += 1
        }
        var yt = ceil(y0 / step) * step
        while yt <= y1 {
            out += "<line x1=\"\(f(Self.left))\" y1=\"\(f(py(yt)))\" x2=\"\(f(Self.left + plotW))\" y2=\"\(f(py(yt)))\" class=\"grid\"/>"
            out += "<text x=\"\(f(Self.left - 4))\" y=\"\(f(py(yt) + 3))\" text-anchor=\"end\" class=\"tick\">\(String(format: step < 1 ? "%.1f" : "%.0f", yt))</text>"
            yt += step
        }
        out += "<text x=\"\(f(Self.left + plotW / 2))\" y=\"\(f(h - 14))\" text-anchor=\"middle\" class=\"axis\">seconds per image (log)</text>"
        out += "<text transform=\"translate(12 \(f(Self.top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"axis\">PSNR (dB)</text>"
        // Labels beside their points, pushed apart vertically where they would overlap.
        let placed = points.map { p -> (p: Point, x: Double, y: Double, end: Bool) in
            let x = px(log10(p.seconds))
            return (p, x, py(p.psnr), x > Self.left + plotW * 0.6)
        }
        var labelY = placed.map(\.y)
        for side in [false, true] {
            let order = placed.indices.filter { placed[$0].end == side }.sorted { placed[$0].y < placed[$1].y }
            for (a, b) in zip(order, order.dropFirst()) where labelY[b] - labelY[a] < Self.labelSpacing {
                labelY[b] = labelY[a] + Self.labelSpacing
            }
        }
        for (i, q) in placed.enumerated() {
            let p = q.p
            let name = p.model.count > 28 ? String(p.model.prefix(27)) + "…" : p.model
            out += "<g class=\"point\" data-model=\"\(HTMLText.escape(p.model))\"><title>\(HTMLText.escape(p.model)): \(String(format: "%.2f", p.psnr)) dB, \(String(format: "%.4g", p.seconds)) s</title>"
            out += "<circle cx=\"\(f(q.x))\" cy=\"\(f(q.y))\" r=\"5\" fill=\"\(p.colour)\"/>"
            out += "<text x=\"\(f(q.end ? q.x - 8 : q.x + 8))\" y=\"\(f(labelY[i] + 3))\" text-anchor=\"\(q.end ? "end" : "start")\" class=\"label\">\(HTMLText.escape(name))</text></g>"
        }
        return out + omittedNote(y: h - 2) + "</svg>"
    }

    func omittedNote(y: Double) -> String {
        guard !omitted.isEmpty else { return "" }
        return "<text x=\"\(f(Self.left))\" y=\"\(f(y))\" class=\"note\">not shown (no time or infinite PSNR): \(HTMLText.escape(omitted.joined(separator: ", ")))</text>"
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, floor(log10(raw)))
        for m in [1.0, 2.0, 5.0, 10.0] where m * p >= raw { return m * p }
        return 10 * p
    }

    /// `1 µs` … `0.1 ms`, `1 ms`, `10 ms`, `0.1 s`, `1 s`, `10 s` for a power of ten.
    static func secondsLabel(_ exponent: Double) -> String {
        let e = Int(exponent)
        switch e {
        case ..<(-6): return "1e\(e) s"
        case -6: return "1 µs"
        case -5: return "10 µs"
        case -4: return "0.1 ms"
        case -3: return "1 ms"
        case -2: return "10 ms"
        case -1: return "0.1 s"
        default: return "\(Int(pow(10, Double(e)))) s"
        }
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
