// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "netready",
    products: [
        .executable(name: "netready", targets: ["netready"]),
        .library(name: "NetReady", targets: ["NetReady"]),
        // For the fuzz targets in Fuzz/, a separate package so they stay out of the normal build.
        .library(name: "NetReadyWire", targets: ["NetReadyWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The agent's HTTP server; without the default traits, which would build swift-configuration for nothing.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Remote-write bodies: the runtime library only; the message code is generated once and
        // committed (scripts/generate-protos), so no build needs protoc or the build plugin.
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .target(name: "CNetReadyShims", dependencies: ["CCurl"]),
        .target(name: "NetReadyPosix", dependencies: ["CNetReadyShims"]),
        .target(name: "NetReadyWire", dependencies: ["COpenSSL"]),
        .target(name: "NetReadyTLS", dependencies: ["COpenSSL", "CNetReadyShims", "NetReadyPosix"]),
        .target(name: "NetReadyHTTP", dependencies: ["CCurl", "COpenSSL", "CNetReadyShims", "NetReadyPosix"]),
        .target(
            name: "NetReady",
            dependencies: [
                "NetReadyPosix", "NetReadyWire", "NetReadyTLS", "NetReadyHTTP",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The shipped profiles (targets.d/ at the root links here), copied into the
            // netready_NetReady.resources bundle beside the binary (ShippedProfiles finds it without Bundle.module).
            resources: [.copy("Profiles/targets.d")]
        ),
        .target(
            name: "NetReadyServe",
            dependencies: [
                "NetReady",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "NetReadyRemoteWrite",
            dependencies: [
                "CCurl", "CNetReadyShims", "CSnappy",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "netready",
            dependencies: [
                "NetReady", "NetReadyServe", "NetReadyRemoteWrite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "NetReadyTestSupport", path: "Tests/NetReadyTestSupport"),
        .testTarget(name: "NetReadyPosixTests", dependencies: ["NetReadyPosix", "NetReadyTestSupport"]),
        .testTarget(name: "NetReadyWireTests", dependencies: ["NetReadyWire"]),
        .testTarget(
            name: "NetReadyTests",
            dependencies: ["NetReady", "NetReadyServe", "NetReadyRemoteWrite", "NetReadyTestSupport"],
            exclude: ["Fixtures"]),
    ]
)
