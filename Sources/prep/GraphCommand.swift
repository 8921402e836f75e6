import ArgumentParser
import SRPipeline

/// `prep graph FILE [--dot]`: prints a manifest's stage graph.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print a pipeline manifest's stage graph (text, or Graphviz with --dot).",
        discussion: """
            Text output lists sources, stages in execution order with their parameters and \
            inputs, the join of the output fields, and the record stages. --dot prints a digraph:
              prep graph Pipelines/t91.yaml --dot | dot -Tsvg > t91.svg
            """
    )

    @Argument(help: "The manifest (YAML).")
    var manifest: String

    @Flag(help: "Print Graphviz dot instead of text.")
    var dot = false

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a manifest variable.", valueName: "name=value"))
    var overrides: [String] = []

    func run() throws {
        let loaded = try ManifestReader.load(path: manifest, overrides: try KeyValue.parse(overrides, option: "--set"))
        print(dot ? GraphRendering.dot(loaded) : GraphRendering.text(loaded), terminator: "")
    }
}
