import SRImage
import SRMetrics

/// The one rule for grey images, applied identically to HR, provided LR and SR (whichever plugin
/// produced it: built-in, native, `exec:` or `dir:`).
///
/// An image is grey when its file stores one channel (a one-channel PNG, BMP, TIFF or JPEG;
/// ``ImageDecoder`` keeps it one channel). Pixel values never decide: an RGB file whose three
/// channels are equal (Set14 `man`) is an RGB image, and its Y is `rgb2ycbcr` of R, G, B, exactly
/// as MATLAB's `if size(im,3) > 1, im = rgb2ycbcr(im)` and BasicSR's `bgr2ycbcr` treat it. A
/// one-channel image follows the protocol's ``EvaluationProtocol/gray``:
///
/// | | `use-as-y` (`srcnn`, `selfexsr`) | `through-rgb` (`basicsr`) |
/// |---|---|---|
/// | its Y | the stored values | 16 + 219·v/255 (R = G = B = v) |
/// | given to an RGB-space model | as one channel | as three equal channels |
///
/// In a Y model space (`srcnn`) the model works on Y, so a one-channel SR is the model's Y
/// (under `use-as-y` that is the same statement) and an RGB SR is scored on its `rgb2ycbcr`.
///
/// Before this rule `dir:` and `exec:` read an RGB output with equal channels as grey, so under
/// `srcnn` Set14 `man` (an RGB file with equal channels) was compared as raw values against the
/// HR's `rgb2ycbcr`: 26.55 dB at ×2 instead of 29.24.
extension EvaluationProtocol {
    /// The Y plane the metric compares for one stored image (HR, LR or SR), on the 0...255
    /// scale: `rgb2ycbcr` of an RGB image, ``gray`` for a one-channel one; rounded when ``roundY``.
    public func metricLuma(_ image: ByteImage) -> FloatImage {
        roundY ? YCbCr.lumaRounded(image, gray: gray).toFloat() : YCbCr.luma(image, gray: gray)
    }

    /// A stored image as an RGB-space model receives it: one channel stays one channel under
    /// `use-as-y`, becomes three equal channels under `through-rgb`; RGB is unchanged.
    public func modelChannels(_ image: ByteImage) -> ByteImage {
        gray == .throughRGB ? image.expandedToRGB() : image
    }

    /// The Y of an SR output in a Y model space: a one-channel output is the model's Y as it is;
    /// an RGB output is converted by ``metricLuma(_:)``.
    func outputLuma(_ sr: ByteImage) -> FloatImage {
        sr.channels == 1 ? sr.toFloat() : metricLuma(sr)
    }

    /// PSNR and SSIM of an SR image against its HR, both as stored (uint8), in an RGB model space.
    ///
    /// With channel `y` each side's Y comes from ``metricLuma(_:)`` on its own, so a one-channel
    /// SR of an RGB HR (or the reverse) is compared by the same rule as any other image. With
    /// channel `rgb` the stored channels are compared; a one-channel side is expanded to three
    /// equal channels first, the only way to compare it channel by channel.
    func scoreStored(_ sr: ByteImage, reference hr: ByteImage, shave: Int) throws -> (psnr: Double, ssim: Double) {
        switch channel {
        case .y:
            let a = metricLuma(sr), b = metricLuma(hr)
            return (try PSNR().evaluate(a, reference: b, shave: shave), try SSIM().evaluate(a, reference: b, shave: shave))
        case .rgb:
            let both = sr.channels == hr.channels
            let a = both ? sr : sr.expandedToRGB(), b = both ? hr : hr.expandedToRGB()
            let options = MetricOptions(shave: shave, channel: .rgb, roundY: roundY, grayHandling: gray)
            return (try PSNR().evaluate(a, reference: b, options: options), try SSIM().evaluate(a, reference: b, options: options))
        }
    }
}

extension ByteImage {
    /// A grey image as three equal channels (how BasicSR reads a grey file with `cv2.imread`).
    func expandedToRGB() -> ByteImage {
        guard channels == 1 else { return self }
        var out = [UInt8](repeating: 0, count: samples.count * 3)
        for i in 0..<samples.count { out[3 * i] = samples[i]; out[3 * i + 1] = samples[i]; out[3 * i + 2] = samples[i] }
        return ByteImage(width: width, height: height, channels: 3, samples: out)
    }
}
