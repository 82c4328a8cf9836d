/// Reads the members of one rule body (the value of the kind key), engine.md §3.3–§3.5.
///
/// Every failure is a `RuleError.badJSON` whose path starts with the kind key.
struct RuleFieldReader {
    let body: JSONValue
    let path: String

    /// A required member read as a string (§3.1: numbers/booleans give their literal text,
    /// null/objects/arrays give "").
    func requiredText(_ name: String) throws(RuleError) -> String {
        guard let value = body[member: name] else { throw .badJSON(.missingField(path: "\(path).\(name)")) }
        return value.text
    }

    /// An optional member read as a string.
    func optionalText(_ name: String) -> String? {
        body[member: name]?.text
    }

    /// An optional member that must be a scalar when present.
    func optionalScalarText(_ name: String) throws(RuleError) -> String? {
        guard let value = body[member: name] else { return nil }
        guard value.isScalar else { throw .badJSON(.wrongType(path: "\(path).\(name)", expected: "a string")) }
        return value.text
    }

    /// A required array member whose elements are read as strings.
    func requiredTextArray(_ name: String) throws(RuleError) -> [String] {
        guard let value = body[member: name] else { throw .badJSON(.missingField(path: "\(path).\(name)")) }
        guard case .array(let elements) = value else {
            throw .badJSON(.wrongType(path: "\(path).\(name)", expected: "an array"))
        }
        return elements.map(\.text)
    }

    // MARK: values (§3.4)

    func requiredValues() throws(RuleError) -> [RuleValue] {
        guard body[member: "values"] != nil else { throw .badJSON(.missingField(path: "\(path).values")) }
        return try optionalValues()
    }

    func optionalValues() throws(RuleError) -> [RuleValue] {
        guard let list = body[member: "values"] else { return [] }
        guard case .array(let elements) = list else {
            throw .badJSON(.wrongType(path: "\(path).values", expected: "an array"))
        }
        var values: [RuleValue] = []
        values.reserveCapacity(elements.count)
        // Paths are built only on failure: this runs for every rule loaded at start-up.
        for (position, element) in elements.enumerated() {
            // The FIRST member names the variable; extra members are ignored.
            guard case .object(let members) = element, let first = members.first else {
                throw .badJSON(.wrongType(path: "\(path).values[\(position)]", expected: "an object with one member"))
            }
            let text = first.value.text
            // §3.4: the same strtod rules as metric values (§5.2), so one parser serves both.
            guard let number = try? MetricValueParser.parse(text) else {
                throw .badJSON(.invalidNumber(path: "\(path).values[\(position)].\(first.name)", text: text))
            }
            // Duplicate variable names: the first wins. Byte comparison: `Á` and `A\u{301}` are two
            // different Lua globals.
            if !values.contains(where: { $0.name.utf8.elementsEqual(first.name.utf8) }) {
                values.append(RuleValue(name: first.name, value: number))
            }
        }
        return values
    }

    // MARK: results (§3.5)

    func results() throws(RuleError) -> [Outcome] {
        guard let list = body[member: "results"] else { throw .badJSON(.missingField(path: "\(path).results")) }
        guard case .array(let elements) = list else {
            throw .badJSON(.wrongType(path: "\(path).results", expected: "an array"))
        }
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            guard case .object(let members) = element, members.count == 1 else {
                throw .badJSON(.notSingleMember(path: "\(path).results[\(position)]"))
            }
            let member = members[0]
            guard let level = OutcomeLevel(rawValue: member.name) else {
                throw .badJSON(.unknownOutcome(path: "\(path).results[\(position)]", name: member.name))
            }
            let outcome = try self.outcome(level, member.value, position: position)
            // Duplicate outcome names: the first wins.
            if !outcomes.contains(where: { $0.level == level }) {
                outcomes.append(outcome)
            }
        }
        return outcomes
    }

    private func outcome(_ level: OutcomeLevel, _ value: JSONValue, position: Int) throws(RuleError) -> Outcome {
        let path = OutcomePath(kind: self.path, position: position, level: level)
        guard case .object = value else { throw .badJSON(.wrongType(path: path.text, expected: "an object")) }
        // A `severity` member is ignored: the severity comes from the level name.
        guard let description = value[member: "description"] else {
            throw .badJSON(.missingField(path: path.text + ".description"))
        }
        guard let action = value[member: "action"] else { throw .badJSON(.missingField(path: path.text + ".action")) }
        return Outcome(level: level, description: description.text, actions: try actions(action, path: path))
    }

    /// The action list: array elements, or an object's member values in order; a scalar or null
    /// yields no action and no error.
    private func actions(_ value: JSONValue, path: OutcomePath) throws(RuleError) -> [String] {
        let elements: [JSONValue]
        switch value {
        case .array(let list): elements = list
        case .object(let members): elements = members.map(\.value)
        case .string, .number, .bool, .null: return []
        }
        var actions: [String] = []
        actions.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            actions.append(try action(element, path: path, position: position))
        }
        return actions
    }

    /// One action string: a scalar as-is (no trimming), an object by its `action` word.
    private func action(_ element: JSONValue, path outcomePath: OutcomePath, position: Int) throws(RuleError) -> String
    {
        var path: String { "\(outcomePath.text).action[\(position)]" }
        switch element {
        case .string, .number, .bool:
            return element.text
        case .object:
            guard let word = element[member: "action"]?.text else {
                throw .badJSON(.missingField(path: "\(path).action"))
            }
            guard word == "GPO_INTERACTION" else { return word }  // EMAIL, SMS, AUTOMATION, others as-is
            guard let asset = element[member: "asset"] else { throw .badJSON(.missingField(path: "\(path).asset")) }
            guard let mode = element[member: "mode"] else { throw .badJSON(.missingField(path: "\(path).mode")) }
            return "GPO_INTERACTION:\(asset.text):\(mode.text)"
        case .array, .null:
            throw .badJSON(.wrongType(path: path, expected: "a string or an object"))
        }
    }
}

/// Where an outcome sits in the document, turned into text only when an error needs it.
private struct OutcomePath {
    let kind: String
    let position: Int
    let level: OutcomeLevel

    var text: String { "\(kind).results[\(position)].\(level.rawValue)" }
}
