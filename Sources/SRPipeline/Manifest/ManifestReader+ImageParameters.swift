import SRImage
import Yams

extension ManifestReader {
    /// `resize` params: the kernel and precision (read by the caller) and one size rule
    /// (``ResizeRuleRegistry``).
    func readResize(_ p: YAMLMapping, stage: String, kernel: String, precision: SamplePrecision) throws -> ResizeParameters {
        let params = StageParameters(reader: self, map: p, context: "stage '\(stage)'")
        return ResizeParameters(kernel: kernel, rule: try ResizeRuleRegistry.read(params), precision: precision)
    }

    /// `to-y` params: `luma` (a ``LumaRegistry`` name, default `matlab`), `arithmetic`
    /// (`float64` default, `float32`), `round` (`true` = `half-away`, `false` = `none`, or
    /// `half-even`/`truncate`) and `gray` (`use-as-y` default, `through-rgb`).
    func readLuma(_ p: YAMLMapping, stage: String) throws -> LumaParameters {
        let params = StageParameters(reader: self, map: p, context: "stage '\(stage)'")
        var definition = LumaDefinition.matlab
        if let node = p.optional("luma") {
            let name = try string(node, "\(params.context) luma")
            let names = LumaRegistry.standard.names
            guard let found = try? LumaRegistry.standard.definition(named: name) else {
                throw diagnostic(node, .invalidValue, "unknown luma definition '\(name)' in \(params.context); known: \(names.joined(separator: ", "))",
                                 hint: ManifestDiagnostic.suggestion(for: name, among: names))
            }
            definition = found
        }
        var rounding = LumaRounding.halfAway
        if let node = p.optional("round") {
            let text = try string(node, "\(params.context) round")
            switch text.lowercased() {
            case "true", "yes", "on": rounding = .halfAway
            case "false", "no", "off": rounding = .none
            default:
                let names = ["true", "false"] + LumaRounding.allCases.map(\.rawValue)
                guard let rule = LumaRounding(rawValue: text) else {
                    throw diagnostic(node, .invalidValue, "\(params.context) round must be one of \(names.joined(separator: ", ")), got '\(text)'",
                                     hint: ManifestDiagnostic.suggestion(for: text, among: names))
                }
                rounding = rule
            }
        }
        return LumaParameters(definition: definition,
                              arithmetic: try params.choice("arithmetic", as: LumaPrecision.self) ?? .float64,
                              rounding: rounding,
                              gray: try params.choice("gray", as: YCbCr.GrayHandling.self) ?? .useAsY)
    }
}
