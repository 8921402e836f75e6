import SRImage
import SRMetrics

extension EvaluationProtocol {
    /// The protocol a report was scored under, rebuilt from its recorded settings, so that
    /// `bench report` and `bench figure` recompute the HR and the bicubic input exactly as the
    /// scoring run did. `path` names the report in errors.
    ///
    /// Refused with ``BenchError/badReport(path:reason:)`` when the preset is unknown or a
    /// setting is missing or unreadable; the rebuilt protocol must print the same settings.
    package init(reported: ProtocolSettings, path: String) throws {
        guard var p = Self.presets[reported.name] else {
            throw BenchError.badReport(path: path, reason: "unknown protocol '\(reported.name)'")
        }
        func value<T>(_ key: String, _ parse: (String) -> T?) throws -> T {
            guard let text = reported.settings[key], let v = parse(text) else {
                throw BenchError.badReport(path: path, reason: "protocol setting '\(key)' is missing or unreadable (\(reported.settings[key] ?? "absent"))")
            }
            return v
        }
        p.modcrop = try value("modcrop") { Bool($0) }
        p.modelSpace = try value("model_space") { ModelSpace(rawValue: $0) }
        p.lrStorage = try value("lr_storage") { LRStorage(rawValue: $0) }
        p.degradeKernel = try value("degrade") { $0 }
        p.channel = try value("channel") { MetricOptions.Channel(rawValue: $0) }
        p.roundY = try value("round_y") { Bool($0) }
        p.gray = try value("gray") { YCbCr.GrayHandling(rawValue: $0) }
        p.shave = try value("shave") { (text: String) -> Int?? in text == "scale" ? .some(nil) : Int(text).map { .some($0) } }
        guard p.settings == reported.settings else {
            throw BenchError.badReport(path: path, reason: "protocol settings \(reported.settings) are not ones bench writes")
        }
        self = p
    }
}
