import SRImage

/// `width: W, height: H`: every image becomes exactly W × H (aspect not kept).
struct ExactSizeRule: ResizeRule {
    let width: Int
    let height: Int

    static func read(_ p: StageParameters) throws -> any ResizeRule {
        let purpose = "resize needs width and height together"
        return ExactSizeRule(width: try p.requiredInteger("width", purpose: purpose), height: try p.requiredInteger("height", purpose: purpose))
    }

    func target(width _: Int, height _: Int) throws -> ResizeTarget { .size(width: width, height: height) }

    var summary: String { "\(width)x\(height)" }
}
