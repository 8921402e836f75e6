// swift-tools-version: 6.0
// SRKit's libFuzzer harness: one executable, `srkit-fuzz TARGET [libFuzzer flags] [corpus...]`,
// over the main package's public readers. A separate package so that the sanitized,
// coverage-instrumented copies of the SRKit modules never mix with the normal build.
// Build with Fuzz/run.sh (see README.md: the sanitizer options must reach swiftc in one piece).
import PackageDescription

let package = Package(
    name: "SRKitFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "SRKit")],
    targets: [
        .executableTarget(
            name: "srkit-fuzz",
            dependencies: [
                .product(name: "SRImage", package: "SRKit"),
                .product(name: "SRModels", package: "SRKit"),
                .product(name: "SRShards", package: "SRKit"),
                .product(name: "SRPipeline", package: "SRKit"),
            ],
            // libFuzzer supplies main(); the harness only exports LLVMFuzzerTestOneInput.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
