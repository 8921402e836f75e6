import Foundation

/// The one folder under which `prep` and `bench` find datasets, and where `bench datasets fetch`
/// puts them.
///
/// Resolved in this order: `--data-root`, else `SRKIT_DATA`, else `../shared/datasets` beside the
/// checkout when that folder exists (the SRKit developers' layout, used by the tests and CI),
/// else the per-user cache `$XDG_CACHE_HOME/srkit/datasets` (`~/.cache/srkit/datasets`).
public struct DataRoot: Sendable, Equatable {
    /// The folder, absolute.
    public let path: String
    /// Where it came from (`--data-root`, `SRKIT_DATA`, `../shared beside the checkout`, `user cache`), for messages.
    public let origin: String

    /// Resolves the data root; `checkout` is the SRKit checkout (the folder holding `Manifests/`), if found.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               checkout: URL? = locateCheckout()) -> DataRoot {
        if let explicit, !explicit.isEmpty { return DataRoot(path: absolute(explicit), origin: "--data-root") }
        if let env = environment["SRKIT_DATA"], !env.isEmpty { return DataRoot(path: absolute(env), origin: "SRKIT_DATA") }
        if let checkout {
            let shared = checkout.appendingPathComponent("../shared/datasets").standardized.path
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: shared, isDirectory: &isDir), isDir.boolValue {
                return DataRoot(path: shared, origin: "../shared/datasets beside the checkout")
            }
        }
        let cache: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { cache = xdg } // XDG: relative values are ignored
        else { cache = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache" }
        return DataRoot(path: URL(fileURLWithPath: cache + "/srkit/datasets").standardized.path, origin: "user cache")
    }

    /// The checkout holding `Manifests/datasets`: the working directory, else the one the
    /// executable was built in (`.build/release/bench` → three levels up).
    public static func locateCheckout(executable: String = CommandLine.arguments.first ?? "") -> URL? {
        let fm = FileManager.default
        var candidates = [URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)]
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../../..").standardized)
        candidates.append(exe.appendingPathComponent("../..").standardized)
        return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent("Manifests/datasets").path) }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)).standardized.path
    }
}
