/// One thing wrong with a checked file: the engine's wire reason and what exactly is wrong.
struct CheckProblem: Equatable {
    /// The reason the engine's ADD would answer (`BAD_JSON`, `BAD_LUA`, …), or the check's own
    /// word for what ADD cannot see (`UNREADABLE`, `UNKNOWN_PLACEHOLDER`).
    var reason: String
    /// The detail, e.g. the JSON path or the Lua compiler's message.
    var detail: String
}
