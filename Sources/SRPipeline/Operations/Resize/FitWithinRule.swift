import SRImage

/// `fit_width: W, fit_height: H`: the largest size within W × H with the image's aspect ratio,
/// Pillow `ImageOps.contain(image, (W, H))`.
///
/// Pillow's arithmetic, in double: if `w / h > W / H` the width becomes W and the height
/// `round(h / w * W)`, else the height becomes H and the width `round(w / h * H)` (Python
/// `round`, half to even); equal ratios give exactly W × H. Smaller images are enlarged, as
/// `contain` does.
struct FitWithinRule: ResizeRule {
    let width: Int
    let height: Int

    static func read(_ p: StageParameters) throws -> any ResizeRule {
        let purpose = "fit within a box needs fit_width and fit_height together"
        return FitWithinRule(width: try p.requiredInteger("fit_width", purpose: purpose), height: try p.requiredInteger("fit_height", purpose: purpose))
    }

    func target(width w: Int, height h: Int) throws -> ResizeTarget {
        let imageRatio = Double(w) / Double(h), boxRatio = Double(width) / Double(height)
        var size = (width, height)
        if imageRatio != boxRatio {
            if imageRatio > boxRatio {
                size.1 = Int((Double(h) / Double(w) * Double(width)).rounded(.toNearestOrEven))
            } else {
                size.0 = Int((Double(w) / Double(h) * Double(height)).rounded(.toNearestOrEven))
            }
        }
        return try checked(size.0, size.1, input: (w, h))
    }

    var summary: String { "fit within \(width)x\(height)" }
}
