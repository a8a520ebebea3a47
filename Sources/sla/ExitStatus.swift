import SLABatch

/// The exit statuses of SPEC §9, decided here and nowhere else.
enum ExitStatus {
    static let success: Int32 = 0
    /// Finished, with findings: rejected rows, data problems, reports not written (all listed).
    static let findings: Int32 = 1
    /// A usage or configuration error: nothing was done.
    static let usage: Int32 = 2
    /// Another run holds the lock.
    static let locked: Int32 = 3
    /// A system failure: a file or the database could not be read or written.
    static let systemFailure: Int32 = 4

    /// The status a job's error ends the process with.
    static func of(_ code: SLAError.Code) -> Int32 {
        switch code {
        case .invalidOption, .invalidConfiguration, .databaseMissing, .invalidInput, .unknownCase, .notADemoDatabase,
            .messageNotPrepared, .reportsMissing, .evidenceMissing:
            usage
        case .locked: locked
        default: systemFailure
        }
    }

    /// The status a job that finished ends the process with.
    static func of(_ outcome: some JobOutcome) -> Int32 { outcome.findings.isEmpty ? success : findings }
}
