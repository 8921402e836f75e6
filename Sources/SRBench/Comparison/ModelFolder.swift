/// Where a comparison keeps each model's saved SR images: one folder per model under the
/// `--save-images` directory, named from the model's report name.
///
/// A single model keeps the old layout (`DIR/<dataset>/x<scale>/`), so `--model dir:DIR` and
/// scripts written against it keep working; with several, model `srcnn-9-5-5:x3.mat` saves under
/// `DIR/srcnn-9-5-5_x3.mat/<dataset>/x<scale>/`. ``ComparisonRunner`` refuses two models that
/// would share a folder, so images are never overwritten by another model's.
public enum ModelFolder {
    /// Longest folder name kept (an `exec:` command can be long); the rest is cut.
    static let maximumLength = 80

    /// `name` as a portable folder name: ASCII letters, digits, `-` and `_` kept, and `.` after
    /// a letter or digit (`x3.mat`); every other run of characters (`:`, `/`, `..`, spaces,
    /// quotes) becomes one `_`. At most 80 characters, never empty.
    public static func name(for model: String) -> String {
        var out = ""
        var pendingSeparator = false
        var previousAlphanumeric = false
        for scalar in model.unicodeScalars {
            let alphanumeric = scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
            let keep = alphanumeric || (scalar.isASCII && (scalar == "-" || scalar == "_")) || (scalar == "." && previousAlphanumeric)
            previousAlphanumeric = alphanumeric
            if keep {
                if pendingSeparator, !out.isEmpty { out.append("_") }
                pendingSeparator = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSeparator = true
            }
        }
        out = String(out.prefix(maximumLength))
        return out.isEmpty ? "model" : out
    }

    /// The folder under `directory` that holds `model`'s images in a report of `modelCount` models.
    public static func path(for model: String, in directory: String, modelCount: Int) -> String {
        modelCount == 1 ? directory : "\(directory)/\(name(for: model))"
    }

    /// The saved SR image of one image, as ``ScoreRunner`` writes it.
    public static func imagePath(folder: String, dataset: String, scale: Int, image: String) -> String {
        "\(folder)/\(dataset)/x\(scale)/\(image).png"
    }
}
