/// What went wrong in a job, what to do about it, and the exit status it ends the process with.
public struct SLAError: Error, Sendable, CustomStringConvertible {
    /// The kinds of failure the SPEC gives an exit status (§9).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The exit status for this kind of failure.
        public let exitStatus: Int32
        private let name: String

        /// Rejected input rows or data problems: the job finished, and what it could not use is listed.
        public static let rejectedInput = Code(exitStatus: 1, name: "rejected input")
        /// A bad option, a malformed timestamp, an unusable calendar or policy file.
        public static let usage = Code(exitStatus: 2, name: "usage or configuration error")
        /// Another run holds the lock.
        public static let locked = Code(exitStatus: 3, name: "locked")

        public var description: String { name }
    }

    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
