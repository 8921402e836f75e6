import Foundation

/// A rectangle of HR pixels (as scored: after modcrop), the window a gallery or figure zooms into.
public struct CropRegion: Sendable, Equatable, CustomStringConvertible {
    /// Left column, 0-based.
    public let x: Int
    /// Top row, 0-based.
    public let y: Int
    /// Width in pixels, > 0.
    public let width: Int
    /// Height in pixels, > 0.
    public let height: Int

    /// A region; sizes are checked by ``parse(_:)`` and ``check(fits:width:height:)``.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// `x,y,w,h`, as `--region` takes it.
    public var description: String { "\(x),\(y),\(width),\(height)" }

    /// Parses `--region x,y,w,h`: four integers, x and y not negative, w and h positive.
    public static func parse(_ text: String) throws -> CropRegion {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let x = parts[0], let y = parts[1], let w = parts[2], let h = parts[3] else {
            throw ReportError.badRegion(text: text, reason: "expected four integers x,y,w,h")
        }
        guard w > 0, h > 0 else { throw ReportError.badRegion(text: text, reason: "width and height must be positive") }
        guard x >= 0, y >= 0 else { throw ReportError.badRegion(text: text, reason: "x and y must not be negative") }
        return CropRegion(x: x, y: y, width: w, height: h)
    }

    /// Throws ``ReportError/regionOutside(region:image:width:height:)`` unless the region lies
    /// inside a `width`×`height` image called `image` in messages (`set14 x3 barbara`).
    public func check(fits image: String, width: Int, height: Int) throws {
        guard x + self.width <= width, y + self.height <= height else {
            throw ReportError.regionOutside(region: self, image: image, width: width, height: height)
        }
    }
}
