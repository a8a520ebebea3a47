import SLAReports
import SLAStore

/// Why a job could not do its work: what went wrong, what to do about it, and the error underneath
/// (as swift-nio's `FileSystemError` and swift-subprocess's `SubprocessError` carry theirs).
///
/// A job's data problems are not errors: they are the outcome's findings, and the job goes on.
/// The exit status of each code is decided in one place, by the command line.
public struct SLAError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. New kinds are new static members: nobody switches over all of them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        // Nothing was done: the command was asked something it cannot do.

        /// An option's value is wrong: a malformed timestamp, a month or as-of outside the
        /// calendar, a future as-of for a night that writes, a month that has not ended.
        public static let invalidOption = Code("invalid option")
        /// `sla demo` pointed at a database it did not make: it never writes over one.
        package static let notADemoDatabase = Code("not a demo database")
        /// `sla deliver --date` or `--month` of a message no run prepared.
        package static let messageNotPrepared = Code("message not prepared")
        /// `sla verify` of a month whose reports were never written (no such folder).
        package static let reportsMissing = Code("reports missing")
        /// `sla verify` of a month whose reports have no manifest to verify them against.
        package static let evidenceMissing = Code("evidence missing")
        /// A calendar (or policy, or installation) file is malformed.
        public static let invalidConfiguration = Code("invalid configuration")
        /// No database where the command was pointed.
        public static let databaseMissing = Code("database missing")
        /// An interchange file is missing, or is not the file it should be (its header).
        public static let invalidInput = Code("invalid input file")
        /// `sla explain` of a case the database does not hold.
        public static let unknownCase = Code("unknown case")
        /// Another run holds the lock.
        public static let locked = Code("locked")

        // The system failed: a file or the database could not be read or written.

        /// No space left on a device.
        package static let diskFull = Code("disk full")
        /// A file or folder this user may not read or write, or a read-only file system.
        package static let permissionDenied = Code("permission denied")
        /// Another program's SQLite file, a file that is not a database, or one from a newer sla.
        package static let foreignDatabase = Code("not sla's database")
        /// A database SQLite finds damaged.
        package static let damagedDatabase = Code("damaged database")
        /// Any other failure to read or write.
        package static let systemFailure = Code("system failure")
    }

    public var code: Code
    /// What went wrong, where, and how to fix it.
    public var message: String
    package var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }

    /// The store's failure as the job's.
    init(_ error: StoreError) {
        let code: Code =
            switch error.code {
            case .databaseMissing: .databaseMissing
            case .folderGiven: .invalidOption
            case .inputMissing, .malformedInput: .invalidInput
            case .diskFull: .diskFull
            case .permissionDenied: .permissionDenied
            case .foreignDatabase, .notADatabase, .newerDatabase: .foreignDatabase
            case .outdatedDatabase: .permissionDenied
            case .damaged: .damagedDatabase
            default: .systemFailure
            }
        self.init(code, error.message, underlying: error)
    }

    /// A report's failure as the job's.
    init(_ error: ReportError) {
        let code: Code =
            switch error.code {
            case .diskFull: .diskFull
            case .permissionDenied, .badPath: .permissionDenied
            default: .systemFailure
            }
        self.init(code, error.message, underlying: error)
    }

    /// Any error met while running a job, as the job's.
    static func from(_ error: any Error) -> SLAError {
        switch error {
        case let error as SLAError: error
        case let error as StoreError: SLAError(error)
        case let error as ReportError: SLAError(error)
        default: SLAError(.systemFailure, "\(error)", underlying: error)
        }
    }
}

/// Runs a store call, turning its error into the job's.
func storeCall<T>(_ body: () throws(StoreError) -> T) throws(SLAError) -> T {
    do {
        return try body()
    } catch {
        throw SLAError(error)
    }
}

/// Runs a report call, turning its error into the job's.
func reportCall<T>(_ body: () throws(ReportError) -> T) throws(SLAError) -> T {
    do {
        return try body()
    } catch {
        throw SLAError(error)
    }
}
