/// Rule documents in the format of engine.md §3, pretty JSON as the engine stores them.
///
/// Names, topics and elements are plain ASCII chosen by the benchmark, so they are
/// interpolated without escaping. Thresholds are set so the load values (41–48 per topic)
/// stay OK, and a crossing value (99) raises the simple and single rules but not the complex
/// ones, whose sum of two topics stays between their warning levels.
enum RuleDocuments {
    static let actions = #"[{ "action": "EMAIL" }]"#

    static func results(_ levels: [String]) -> String {
        levels.map { level in
            #"{ "\#(level)" : { "action" : \#(actions), "description" : "bench \#(level)" } }"#
        }.joined(separator: ",\n                          ")
    }

    static func values(_ pairs: [(String, String)]) -> String {
        pairs.map { #"{ "\#($0.0)" : "\#($0.1)" }"# }.joined(separator: ", ")
    }

    static let levels = ["low_critical", "low_warning", "high_warning", "high_critical"]

    /// A simple threshold on one topic: 10 / 20 / 80 / 90.
    static func simple(name: String, target: String, element: String) -> String {
        """
        {
            "threshold" : {
                "rule_name" : "\(name)",
                "rule_class" : "bench",
                "target" : "\(target)",
                "element" : "\(element)",
                "values" : [ \(values([("low_critical", "10"), ("low_warning", "20"), ("high_warning", "80"), ("high_critical", "90")])) ],
                "results" : [ \(results(levels)) ]
            }
        }

        """
    }

    /// A Lua complex threshold on the sum of two topics: 20 / 40 / 160 / 180.
    static func complex(name: String, targets: [String], element: String) -> String {
        let evaluation =
            "function main(a, b) local v = a + b "
            + "if v < low_critical then return LOW_CRITICAL end if v < low_warning then return LOW_WARNING end "
            + "if v > high_critical then return HIGH_CRITICAL end if v > high_warning then return HIGH_WARNING end "
            + "return OK end"
        return """
            {
                "threshold" : {
                    "rule_name" : "\(name)",
                    "rule_class" : "bench",
                    "target" : [ "\(targets.joined(separator: "\", \""))" ],
                    "element" : "\(element)",
                    "values" : [ \(values([("low_critical", "20"), ("low_warning", "40"), ("high_warning", "160"), ("high_critical", "180")])) ],
                    "results" : [ \(results(levels)) ],
                    "evaluation" : "\(evaluation)"
                }
            }

            """
    }

    /// A Lua single rule on one topic: warning above `limit` (95).
    static func single(name: String, target: String, element: String) -> String {
        """
        {
            "single" : {
                "rule_name" : "\(name)",
                "rule_class" : "bench",
                "target" : [ "\(target)" ],
                "element" : "\(element)",
                "values" : [ \(values([("limit", "95")])) ],
                "results" : [ \(results(["high_warning"])) ],
                "evaluation" : "function main(x) if x > limit then return HIGH_WARNING end return OK end"
            }
        }

        """
    }

    /// A probe: simple threshold with only `high_critical` = 50.
    static func probe(name: String, target: String, element: String) -> String {
        """
        {
            "threshold" : {
                "rule_name" : "\(name)",
                "rule_class" : "bench-probe",
                "target" : "\(target)",
                "element" : "\(element)",
                "values" : [ \(values([("high_critical", "50")])) ],
                "results" : [ \(results(["high_critical"])) ]
            }
        }

        """
    }
}
