// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Shelterbelt",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shelterbelt", targets: ["ShelterbeltCLI"]),
        .library(name: "Shelterbelt", targets: ["Shelterbelt"]),
        .library(name: "GeoKit", targets: ["GeoKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // C libraries, found through pkg-config.
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        // The thin, safe Swift layer over the three C libraries: the only code that imports them.
        .target(name: "GeoKit", dependencies: ["CGDAL", "CGEOS", "CPROJ"]),
        // The domain: statistics, layers, targets, screening, reports. Knows nothing of C.
        .target(
            name: "Shelterbelt",
            dependencies: [
                "GeoKit",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        // The command line: parses arguments and prints.
        .executableTarget(
            name: "ShelterbeltCLI",
            dependencies: [
                "Shelterbelt",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "GeoKitTests", dependencies: ["GeoKit"]),
        .testTarget(name: "ShelterbeltTests", dependencies: ["Shelterbelt", "GeoKit"]),
    ]
)
