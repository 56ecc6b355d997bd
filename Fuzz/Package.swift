// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for netready's decoders, kept out of the main package so `swift build` and
// `swift test` never compile them. Build and run through `scripts/fuzz` (it passes
// `--sanitize=fuzzer --sanitize=address`); see FUZZING.md.
let package = Package(
    name: "netready-fuzz",
    dependencies: [.package(name: "netready", path: "..")],
    targets: [
        .executableTarget(
            name: "NetReadyFuzz",
            dependencies: [
                .product(name: "NetReady", package: "netready"),
                .product(name: "NetReadyWire", package: "netready"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ]
)
