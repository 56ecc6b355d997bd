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
            // netready's decoders above NetReadyWire (target files, probe URIs, reports) are `package`, not `public`,
            // and this is another package: SwiftPM's -package-name for it always comes last, so it cannot join
            // netready's. Access control is switched off for this one module instead (package symbols link like
            // public ones); the targets only call what netready's own commands call.
            swiftSettings: [.unsafeFlags(["-parse-as-library", "-Xfrontend", "-disable-access-control"])]
        )
    ]
)
