import SRImage

/// `multiple_of: N` (`rounding: floor` by default): each side to a multiple of N.
///
/// `floor` is `(side // N) * N`, the size yjn870/SRCNN-pytorch's `prepare.py` resizes its HR to
/// (where MATLAB's `modcrop` would crop instead); `ceil` is the next multiple up; `round` the
/// nearest multiple, ties (possible for even N) up. Unlike `modcrop`, every pixel is resampled.
struct MultipleOfRule: ResizeRule {
    let multiple: Int
    let rounding: SideRounding

    static func read(_ p: StageParameters) throws -> any ResizeRule {
        MultipleOfRule(multiple: try p.integer("multiple_of")!, rounding: try p.choice("rounding", as: SideRounding.self) ?? .floor)
    }

    func target(width: Int, height: Int) throws -> ResizeTarget {
        func side(_ n: Int) -> Int {
            switch rounding {
            case .floor: n / multiple * multiple
            case .ceil: (n + multiple - 1) / multiple * multiple
            case .round: (n + multiple / 2) / multiple * multiple
            }
        }
        return try checked(side(width), side(height), input: (width, height))
    }

    var summary: String { "multiple of \(multiple) (\(rounding.rawValue))" }
}
