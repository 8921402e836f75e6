// swift-tools-version: 6.0
// SRKit: image super-resolution data preparation (`prep`) and evaluation (`bench`).
//
// Imports point one way (see README "Architecture"):
//   CImageCodecs -> SRImage -> SRMetrics -> SRBench -> SRReports (HTML report, figure) -> bench
//   CModelKernels -> SRModels (checkpoints, native networks) -> SRBench
//   SRShards (shard format) -> SRPipeline (manifests, stage graph) -> prep
//   SRPartition (part K/N, work balance) -> SRPipeline, SRBench
import PackageDescription

let package = Package(
    name: "SRKit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "prep", targets: ["prep"]),
        .executable(name: "bench", targets: ["bench"]),
        .library(name: "SRImage", targets: ["SRImage"]),
        .library(name: "SRMetrics", targets: ["SRMetrics"]),
        .library(name: "SRBench", targets: ["SRBench"]),
        .library(name: "SRReports", targets: ["SRReports"]),
        .library(name: "SRShards", targets: ["SRShards"]),
        .library(name: "SRPipeline", targets: ["SRPipeline"]),
        .library(name: "SRModels", targets: ["SRModels"]),
        .library(name: "SRPartition", targets: ["SRPartition"]),
        .library(name: "SRFetch", targets: ["SRFetch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // C shims over libpng (simplified API), libjpeg-turbo (setjmp kept inside jpeg.c)
        // and libtiff (per-handle error handler). Only SRImage/Codecs imports it.
        .target(
            name: "CImageCodecs",
            linkerSettings: [
                .linkedLibrary("png"),
                .linkedLibrary("jpeg"),
                .linkedLibrary("tiff"),
                .linkedLibrary("z"),
            ]
        ),
        // AVX2+FMA kernel for the MATLAB bicubic byte path, chosen at run time (portable elsewhere).
        .target(name: "CResampleKernels"),
        // Image type, codecs, BT.601 colour, geometry and resampling.
        .target(name: "SRImage", dependencies: ["CImageCodecs", "CResampleKernels"]),
        // PSNR / SSIM with named evaluation protocols.
        .target(name: "SRMetrics", dependencies: ["SRImage"]),
        // C shims for model inference: OpenBLAS sgemm and zlib inflate (MAT-file elements).
        .target(
            name: "CModelKernels",
            linkerSettings: [.linkedLibrary("openblas"), .linkedLibrary("z")]
        ),
        // Checkpoint readers (MAT v5, torch.save zip+pickle, safetensors) and native SR networks.
        .target(
            name: "SRModels",
            // torch.save zips are read by a bounds-checked reader of our own (Checkpoints/): ZIPFoundation's
            // in-memory archive trapped on a corrupt central-directory offset in our fuzz test.
            dependencies: ["CModelKernels", "SRImage"]
        ),
        // Scale-out: part K/N from the flag or a job array's environment (Slurm, Kubernetes), and the
        // work-balanced assignment of items to parts that prep and bench share. No dependencies.
        .target(name: "SRPartition"),
        // The binary shard format: writer, memory-mapped reader, index.json, verification.
        .target(name: "SRShards", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Pipeline manifests (YAML), validation, the stage graph, operations and the executor.
        .target(
            name: "SRPipeline",
            dependencies: [
                "SRImage", "SRShards", "SRPartition",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Dataset catalog and layouts, evaluation runner, model plugins, reports, baselines.
        .target(
            name: "SRBench",
            dependencies: [
                "SRImage", "SRMetrics", "SRModels", "SRPartition",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Pictures of a comparison: the self-contained HTML report and the zoomed-crop figure (SVG).
        .target(name: "SRReports", dependencies: ["SRImage", "SRBench"]),
        // The data root both tools share, and `bench datasets fetch`: pinned sources, verified
        // resumable downloads over Foundation's URLSession.
        // Archives (DIV2K's zips) are unpacked with ZIPFoundation only after their pinned SHA-256
        // matched, so it never sees bytes other than the authors'.
        .target(name: "SRFetch", dependencies: [.product(name: "Crypto", package: "swift-crypto"), "ZIPFoundation"]),
        // What the two command-line tools share: the progress bar and atomic text output.
        .target(name: "SRCommandLine", dependencies: ["SRImage"]),
        .executableTarget(
            name: "prep",
            dependencies: ["SRImage", "SRShards", "SRPipeline", "SRPartition", "SRCommandLine", "SRFetch", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "bench",
            dependencies: ["SRImage", "SRMetrics", "SRBench", "SRReports", "SRPartition", "SRCommandLine", "SRFetch", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Shared test helpers: locating ../shared, fixtures, running the built executables.
        .target(
            name: "SRTestSupport",
            dependencies: ["SRImage", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/SRTestSupport"
        ),
        .testTarget(name: "SRImageTests", dependencies: ["SRImage", "SRTestSupport"]),
        .testTarget(name: "SRMetricsTests", dependencies: ["SRMetrics", "SRImage", "SRTestSupport"]),
        .testTarget(name: "SRBenchTests", dependencies: ["SRBench", "SRTestSupport"]),
        .testTarget(name: "SRReportsTests", dependencies: ["SRReports", "SRBench", "SRImage", "SRTestSupport"]),
        .testTarget(name: "SRShardsTests", dependencies: ["SRShards", "SRTestSupport"]),
        .testTarget(name: "SRPipelineTests", dependencies: ["SRPipeline", "SRShards", "SRImage", "SRTestSupport"]),
        .testTarget(name: "SRPartitionTests", dependencies: ["SRPartition"]),
        .testTarget(name: "SRFetchTests", dependencies: ["SRFetch", "SRTestSupport"]),
        .testTarget(name: "SRCommandLineTests", dependencies: ["SRCommandLine", "SRTestSupport"]),
        .testTarget(name: "SRModelsTests", dependencies: ["SRModels", "SRImage", "SRTestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["prep", "bench", "SRImage", "SRMetrics", "SRBench", "SRReports", "SRShards", "SRPipeline", "SRModels", "SRPartition", "SRTestSupport", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "FidelityTests", dependencies: ["SRImage", "SRMetrics", "SRBench", "SRPipeline", "SRTestSupport"]),
    ]
)
