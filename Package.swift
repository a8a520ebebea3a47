// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "sla",
    // macOS 15: Synchronization's Mutex and Atomic, and String(validating:as:), are new in it.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sla", targets: ["sla"]),
        .library(name: "SLACore", targets: ["SLACore"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // YAML for the policy and installation files (SPEC §10, §11): its parser keeps each node's
        // line and column, which every validation message points at.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2")
    ],
    targets: [
        // The pure engine: calendar, clocks, SLA and closure rules. No I/O, no clock reads.
        .target(name: "SLACore"),

        // The calendar files of `calendars/` compiled into the binary, so `sla` works from any
        // folder. `Sources/SLADefaults/calendars` is a symlink to the top-level folder.
        .target(
            name: "SLADefaults",
            resources: [
                .embedInCode("calendars/colombia-holidays.txt"),
                .embedInCode("calendars/organisation-days.txt"),
                .embedInCode("calendars/service-window.txt"),
                .embedInCode("policy/default-policy.yaml")
            ]
        ),

        // The policy file and the installation file (YAML), read and checked, every error at its
        // line and column.
        .target(name: "SLAConfig", dependencies: ["SLACore", .product(name: "Yams", package: "Yams")]),

        // SQLite through GRDB: migrations, import, queries, the run journal.
        .target(
            name: "SLAStore",
            dependencies: [
                "SLACore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the import's inner loop (binding bytes where they lie).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),

        // libxlsxwriter (Debian: libxlsxwriter-dev), wrapped like GRDB wraps SQLite.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "SLAReports", dependencies: ["SLACore", "CXlsxWriter"]),

        // The mail: each message composed (MIME, the texts, the morning's HTML) from the outbox's
        // figures as it is sent, and handed to the sendmail program.
        .target(name: "SLAMail", dependencies: ["SLACore", "SLAConfig", "SLAReports", "SLAStore"]),

        // The jobs, wired from the modules above and callable in-process by tests.
        .target(
            name: "SLABatch",
            dependencies: [
                "SLACore", "SLAConfig", "SLADefaults", "SLAMail", "SLAReports", "SLAStore",
                .product(name: "Logging", package: "swift-log")
            ]
        ),

        .executableTarget(
            name: "sla",
            dependencies: [
                "SLABatch", "SLACore", "SLAConfig", "SLAMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),

        // `make bench`: a release-build measurement, never a timed test.
        .executableTarget(name: "SLABench", dependencies: ["SLABatch", "SLACore"], path: "Benchmarks/SLABench"),
        .executableTarget(name: "SLAHistory", dependencies: ["SLACore"], path: "Benchmarks/SLAHistory"),

        .target(
            name: "SLATestSupport",
            dependencies: ["SLACore", "SLABatch", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/SLATestSupport"
        ),
        // The fuzz targets' checks (Fuzz/), run by the tests on every seed and every input a fuzzer
        // ever crashed on; `make fuzz` compiles the same files into the fuzzers.
        .target(name: "FuzzChecks", dependencies: ["SLACore", "SLAStore", "SLAConfig"], path: "Fuzz/Checks"),
        .testTarget(name: "SLACoreTests", dependencies: ["SLACore", "SLATestSupport", "FuzzChecks"]),
        .testTarget(
            name: "SLAStoreTests",
            dependencies: ["SLAStore", "SLACore", "SLATestSupport", "FuzzChecks", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "SLAReportsTests", dependencies: ["SLAReports", "SLACore", "SLATestSupport"]),
        .testTarget(name: "SLAMailTests", dependencies: ["SLAMail", "SLACore", "SLATestSupport"]),
        .testTarget(
            name: "SLABatchTests", dependencies: ["SLABatch", "SLACore", "SLAConfig", "SLAMail", "SLAStore", "SLATestSupport"]),
        .testTarget(
            name: "SLAConfigTests", dependencies: ["SLAConfig", "SLACore", "SLADefaults", "SLATestSupport", "FuzzChecks"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SLATestSupport", "sla"])
    ]
)

for target in package.targets where target.type != .system && target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
