import Foundation

/// Checks a decoded JSON value against the subset of JSON Schema the OpenAPI document uses:
/// `$ref`, `type` (one or a list), `required`, `properties`, `additionalProperties`, `items`,
/// `enum`, `minimum`, `maximum`. Returns the problems found, empty when the value conforms.
struct JSONSchemaValidator {
    let document: [String: Any]

    func validate(_ value: Any, against schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String { return validate(value, against: resolve(ref), at: path) }
        var problems: [String] = []
        if let types = schema["type"].map({ ($0 as? [String]) ?? [$0 as! String] }) {
            guard types.contains(where: { matches(value, type: $0) }) else {
                return ["\(path): expected \(types.joined(separator: " or ")), got \(value)"]
            }
        }
        if let allowed = schema["enum"] as? [String], let string = value as? String, !allowed.contains(string) {
            problems.append("\(path): \(string) not in \(allowed)")
        }
        if let number = value as? NSNumber, !(value is Bool) {
            if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum { problems.append("\(path): below \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum { problems.append("\(path): above \(maximum)") }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): missing \(key)")
            }
            for (key, member) in object {
                if let propertySchema = properties[key] as? [String: Any] {
                    problems += validate(member, against: propertySchema, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    problems += validate(member, against: additional, at: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path): unexpected property \(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() { problems += validate(element, against: items, at: "\(path)[\(index)]") }
        }
        return problems
    }

    /// `#/components/schemas/Name` → that schema.
    func resolve(_ ref: String) -> [String: Any] {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as! [String: Any])[String(part)]! }
        return node as! [String: Any]
    }

    /// The schema of `path`'s GET response with `status`.
    func responseSchema(path: String, status: Int) -> [String: Any]? {
        guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
              let get = item["get"] as? [String: Any], let responses = get["responses"] as? [String: Any],
              var response = responses[String(status)] as? [String: Any] else { return nil }
        if let ref = response["$ref"] as? String { response = resolve(ref) }
        let content = response["content"] as? [String: Any]
        return (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    private func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        // The documents validated here hold no booleans, so a bridged 0/1 number is not mistaken for one.
        case "boolean": return value is Bool
        case "integer":
            guard let number = value as? NSNumber else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        case "number": return value is NSNumber
        default: return false
        }
    }
}
