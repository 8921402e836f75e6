// swift-tools-version: 6.0
// SRKit speed benchmarks: a separate package so timing code and its build stay out of the
// library and its tests (STYLE rule 15). Plain executable with a ContinuousClock harness:
// ordo-one/benchmark needs swift-runtime-interposer on Linux, which the package mirror lacks.
//
//   swift build -c release --scratch-path ../.build-bench
//   ../.build-bench/release/srkit-benchmarks [--data DIR] [--json FILE]
import PackageDescription

let package = Package(
    name: "SRKitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "SRKit", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "srkit-benchmarks",
            dependencies: [.product(name: "SRImage", package: "SRKit")]
        ),
    ]
)
