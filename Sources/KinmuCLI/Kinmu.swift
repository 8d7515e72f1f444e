import ArgumentParser

/// `kinmu`: workforce scheduling and staffing for municipal service counters.
public struct Kinmu: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "kinmu",
        abstract: "Kinmu (勤務): plans the shifts of a service counter with GLPK.",
        discussion: """
        Works fully offline on a scenario folder (scenario.yaml, staff.csv, requests.csv, history.csv).
        The default scenario is Scenarios/nankoku (Nankoku City's My Number Card counter).
        """,
        version: "kinmu \(version)",
        subcommands: [
            HolidaysCommand.self,
            CalendarCommand.self,
            PlanCommand.self,
            CheckCommand.self,
            ExportCommand.self,
            RepairCommand.self,
            WhatIfCommand.self,
            StaffListCommand.self,
            ReportCommand.self,
            ForecastCommand.self,
            RequirementsCommand.self,
            BacktestCommand.self,
            ErlangCommand.self,
            HistoryCommand.self,
            NRPCommand.self,
            BenchCommand.self,
            MIPCommand.self,
        ]
    )

    public init() {}
}
