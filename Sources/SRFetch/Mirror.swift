import Foundation

/// `SRKIT_MIRROR=http://host:port[/prefix]` replaces the scheme and host of every source URL and
/// keeps its path, so a mirror (or the tests' loopback server) is a folder laid out by URL path.
public struct Mirror: Sendable, Equatable {
    /// The mirror's base, without a trailing slash.
    public let base: String

    /// The mirror named by `SRKIT_MIRROR`, or nil when unset.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Mirror? {
        guard let value = environment["SRKIT_MIRROR"], !value.isEmpty else { return nil }
        guard let u = URL(string: value), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https", u.host != nil else {
            throw FetchError.badMirror(value: value)
        }
        return Mirror(base: value.hasSuffix("/") ? String(value.dropLast()) : value)
    }

    /// `url` with its scheme and host replaced by the mirror's (path and query kept).
    public func rewrite(_ url: String) -> String {
        guard let c = URLComponents(string: url) else { return url }
        let path = c.percentEncodedPath + (c.percentEncodedQuery.map { "?" + $0 } ?? "")
        return base + (path.hasPrefix("/") ? path : "/" + path)
    }
}
