/// The image's own name, `baby.png` (or an alias from the catalogue, `img_001.png`): what
/// `bench score --save-images` writes by default, under `<dataset>/x<scale>/`.
struct PlainNaming: SROutputWritableNaming {
    var name: String { "plain" }

    func pattern(name: String, scale: Int) -> String { name }

    func read(stem: String, original: String, names: [String], scale: Int) -> SROutputNameMatch {
        names.contains(stem) ? .output(method: "") : .notMine
    }

    /// `set5/x4/baby.png`: dataset key, scale folder, catalogue name.
    func relativePath(dataset: String, folder: String, image: CatalogImage, scale: Int, method: String) -> String {
        "\(dataset)/x\(scale)/\(image.name).png"
    }
}
