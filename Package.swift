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
        .systemLibrary(name: "CXLSX", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // The thin, safe Swift layer over the three geo C libraries. GeoKit and XLSXKit are the only code that
        // imports C.
        .target(name: "GeoKit", dependencies: ["CGDAL", "CGEOS", "CPROJ"]),
        // The thin, safe Swift layer over libxlsxwriter: workbooks with number formats, frozen panes and charts.
        // Not geo, so not in GeoKit.
        .target(name: "XLSXKit", dependencies: ["CXLSX"]),
        // The domain: statistics, layers, targets, screening, reports. Knows nothing of C.
        .target(
            name: "Shelterbelt",
            dependencies: [
                "GeoKit",
                "XLSXKit",
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
        .testTarget(name: "XLSXKitTests", dependencies: ["XLSXKit"]),
        .testTarget(name: "ShelterbeltTests", dependencies: ["Shelterbelt", "GeoKit"]),
    ]
)
