// swift-tools-version: 6.0
// Kinmu (勤務): workforce scheduling and staffing for municipal service counters.
import PackageDescription

let package = Package(
    name: "Kinmu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kinmu", targets: ["kinmu"]),
        .library(name: "MIP", targets: ["MIP"]),
        .library(name: "BusinessCalendar", targets: ["BusinessCalendar"]),
        .library(name: "Demand", targets: ["Demand"]),
        .library(name: "Rostering", targets: ["Rostering"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Tests only: an independent reader for the XLSX files Kinmu writes.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Debian's libglpk-dev as a system library (no pkg-config file: the map links glpk and m).
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        // A solver-neutral linear/integer program, LP/MPS writers, and the GLPK backend.
        .target(name: "MIP", dependencies: ["CGLPK"]),
        // Japan's national holidays from the law, opening rules, closures, the slot grid.
        .target(name: "BusinessCalendar"),
        // History, forecasting, Erlang C/A and the staff each slot needs.
        .target(name: "Demand", dependencies: ["BusinessCalendar"]),
        // Staff, rules, the roster MIP on MIP/GLPK, the independent checker, repair.
        .target(name: "Rostering", dependencies: ["BusinessCalendar", "Demand", "MIP"]),
        // Reading and validating scenario folders (YAML, CSV) into domain values.
        .target(name: "Scenario", dependencies: [
            "BusinessCalendar", "Demand", "Rostering",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Exports and reports: CSV, iCalendar, and (as they land) 勤務表, 名簿, 月報/年報.
        .target(name: "Reports", dependencies: ["BusinessCalendar", "Demand", "Rostering"]),
        .target(name: "NRP", dependencies: ["MIP", "Demand"]),
        .target(name: "WhatIf", dependencies: ["BusinessCalendar", "Demand", "Rostering", "Scenario", "MIP"]),
        // The commands of the `kinmu` tool, one file each.
        .target(name: "KinmuCLI", dependencies: [
            "MIP", "BusinessCalendar", "Demand", "Rostering", "Scenario", "Reports", "WhatIf", "NRP",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The entry point only.
        .executableTarget(name: "kinmu", dependencies: ["KinmuCLI"]),
        // Benchmarks: programs that print their figures (make bench).
        .executableTarget(name: "kinmu-bench", dependencies: ["BusinessCalendar", "Demand", "Rostering", "Scenario", "MIP", "WhatIf", "NRP"],
                          path: "Benchmarks/KinmuBench"),

        .testTarget(name: "MIPTests", dependencies: ["MIP"]),
        .testTarget(name: "BusinessCalendarTests", dependencies: ["BusinessCalendar"]),
        .testTarget(name: "DemandTests", dependencies: ["Demand", "BusinessCalendar"]),
        .testTarget(name: "RosteringTests", dependencies: ["Rostering", "BusinessCalendar", "Demand", "MIP"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "BusinessCalendar"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "BusinessCalendar", "Demand", "Rostering",
                                                         .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "NRPTests", dependencies: ["NRP", "MIP"]),
        .testTarget(name: "WhatIfTests", dependencies: ["WhatIf", "Scenario", "Rostering", "BusinessCalendar", "Demand"]),
        .testTarget(name: "KinmuCLITests", dependencies: ["KinmuCLI"]),
    ]
)
