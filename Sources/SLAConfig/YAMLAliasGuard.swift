import CYaml
import Foundation

/// Reads a YAML file's events — before any node is built — to refuse explicit tags, and the aliases that would
/// make reading it take hours: an alias used as a mapping key (the YAML library hashes keys, and
/// a key that is an alias of nested aliases is hashed once per path through them), and aliases
/// that expand to more nodes than any policy or installation file could need (a "billion laughs"
/// file of a few hundred bytes). Anchors and aliases used as values, within the cap, stay valid.
///
/// A file the event reader cannot read is left for the composer, which says where it fails.
enum YAMLAliasGuard {
    /// At most this many nodes, aliases expanded: a policy with hundreds of agreements has a few
    /// thousand.
    static let expandedNodeLimit = 100_000

    struct Refusal: Error {
        var line: Int
        var column: Int
        var reason: String
    }

    private struct Container {
        var isMapping: Bool
        /// The nodes of the container so far, aliases expanded, itself included.
        var size = 1
        /// Items read so far (a mapping's even items are keys).
        var items = 0
        /// Whether this container is (inside) a mapping key.
        var inKey: Bool
        var anchor: String?
    }

    static func check(_ text: String) throws(Refusal) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var bytes = Array(text.utf8)
        let refusal: Refusal? = bytes.withUnsafeMutableBufferPointer { buffer -> Refusal? in
            guard let base = buffer.baseAddress else { return nil }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var anchors: [String: Int] = [:]
            var stack: [Container] = []
            var documentSize = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                let column = Int(event.start_mark.column) + 1
                // Whether the node this event starts is a mapping's key (or inside one).
                let isKey = stack.last.map { $0.inKey || ($0.isMapping && $0.items % 2 == 0) } ?? false
                var finished: (size: Int, anchor: String?)?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_DOCUMENT_START_EVENT:
                    anchors = [:]
                    documentSize = 0
                case YAML_ALIAS_EVENT:
                    let name = string(event.data.alias.anchor) ?? ""
                    if isKey {
                        return Refusal(
                            line: line, column: column,
                            reason: """
                                the alias *\(name) is used as a key: aliases may stand for values only; write the key
                                """)
                    }
                    finished = (anchors[name] ?? 1, nil)
                case YAML_SCALAR_EVENT:
                    if let tag = string(event.data.scalar.tag) { return explicit(tag, line, column) }
                    finished = (1, string(event.data.scalar.anchor))
                case YAML_SEQUENCE_START_EVENT:
                    if let tag = string(event.data.sequence_start.tag) { return explicit(tag, line, column) }
                    stack.append(Container(isMapping: false, inKey: isKey, anchor: string(event.data.sequence_start.anchor)))
                case YAML_MAPPING_START_EVENT:
                    if let tag = string(event.data.mapping_start.tag) { return explicit(tag, line, column) }
                    stack.append(Container(isMapping: true, inKey: isKey, anchor: string(event.data.mapping_start.anchor)))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let container = stack.popLast() { finished = (container.size, container.anchor) }
                default:
                    break
                }
                guard let (size, anchor) = finished else { continue }
                if let anchor { anchors[anchor] = size }
                if stack.isEmpty {
                    documentSize += size
                } else {
                    stack[stack.count - 1].size += size
                    stack[stack.count - 1].items += 1
                }
                // Each size is at most the limit when added: no overflow.
                if (stack.last?.size ?? documentSize) > expandedNodeLimit {
                    return Refusal(
                        line: line, column: column,
                        reason: """
                            its aliases expand to more than \(expandedNodeLimit) values: a policy or installation file \
                            needs far fewer; write the values out or use fewer aliases
                            """)
                }
            }
        }
        if let refusal { throw refusal }
    }

    /// An explicit tag (`!!str 50`) would make a value of another type pass for the one expected,
    /// past the check a quoted value gets: these files are read without them.
    private static func explicit(_ tag: String, _ line: Int, _ column: Int) -> Refusal {
        Refusal(
            line: line, column: column,
            reason: """
                the explicit tag \(tag.replacingOccurrences(of: "tag:yaml.org,2002:", with: "!!")) is not read in this file: \
                write the value without it
                """)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
