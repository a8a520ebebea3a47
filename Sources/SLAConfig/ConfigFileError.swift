/// A policy or installation file that cannot be used, said where: `file:line:column: reason`, as
/// the calendar files' errors are.
public struct ConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: String

    package init(file: String, line: Int, column: Int, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "\(file):\(line):\(column): \(reason)" }
}

/// Something in a policy file that is allowed but probably not meant (an agreement no case can
/// reach), said where: `file:line:column: reason`, logged as a warning.
public struct ConfigWarning: Sendable, Equatable, CustomStringConvertible {
    package var file: String
    public var line: Int
    public var column: Int
    public var reason: String

    public var description: String { "\(file):\(line):\(column): \(reason)" }
}
