import CLua

/// One Lua 5.4 interpreter state with a memory cap and an instruction budget per run.
///
/// The only file of the project that imports CLua: a thin adapter that knows the C API and
/// nothing of rules. Policy (which libraries, constants, outcome mapping)
/// lives in `LuaRuleProgram` and `LuaSandbox`.
///
/// The memory cap and the instruction budget apply only inside `run` and `call`, which are
/// protected calls: an allocation refused there becomes LUA_ERRMEM inside `lua_pcall` and the
/// state stays consistent. The host's own steps (opening libraries, setting globals, taking a
/// reference) are unprotected, so they run with the cap lifted: their size is bounded by the
/// rule document, and a refusal there would abort the process through Lua's panic handler.
/// Not thread-safe; the owner serialises access.
final class LuaState {
    /// A standard library this adapter can open.
    enum Library: CaseIterable {
        case base, string, table, math, utf8
    }

    /// Why a protected run or call failed; messages are Lua's own.
    enum Failure: Error {
        case syntax(message: String)
        case runtime(message: String)
        case instructionBudgetExhausted
        case memoryBudgetExhausted
    }

    /// What a call of the referenced function returned as its one result.
    enum CallResult {
        case number(Double)
        case notANumber(typeName: String)
        case failed(Failure)
    }

    /// Bytes of an error message kept; the rest is dropped.
    static let messageLimit = 1_024

    private let state: OpaquePointer
    private let budget: UnsafeMutablePointer<clua_budget>
    private let memoryLimit: Int
    private var functionReference: Int32 = LUA_NOREF

    /// Opens an empty state (no library) whose runs may allocate at most `memoryLimit` bytes.
    ///
    /// Returns nil if Lua cannot allocate the state itself.
    init?(memoryLimit: Int) {
        budget = .allocate(capacity: 1)
        budget.initialize(to: clua_budget())
        self.memoryLimit = max(1, memoryLimit)
        guard let state = clua_newstate(budget) else {
            budget.deallocate()
            return nil
        }
        self.state = state
    }

    deinit {
        lua_close(state)
        budget.deallocate()
    }

    /// Bytes the state holds right now.
    var memoryInUse: Int { budget.pointee.used }

    /// Opens `libraries` and sets each as a global (`_G` for base).
    func open(_ libraries: [Library]) {
        for library in libraries {
            switch library {
            case .base: luaL_requiref(state, "_G", luaopen_base, 1)
            case .string: luaL_requiref(state, LUA_STRLIBNAME, luaopen_string, 1)
            case .table: luaL_requiref(state, LUA_TABLIBNAME, luaopen_table, 1)
            case .math: luaL_requiref(state, LUA_MATHLIBNAME, luaopen_math, 1)
            case .utf8: luaL_requiref(state, LUA_UTF8LIBNAME, luaopen_utf8, 1)
            }
            clua_pop(state, 1)
        }
    }

    /// Removes and wraps what decisions.md D4 forbids in the opened libraries and adds the Lua
    /// 5.1 names (see `LuaSandbox`); a host step, after `open`.
    func closeSandbox() {
        clua_sandbox(state)
    }

    /// Sets `name` (any bytes, not only identifiers) to the float `value` in the globals table.
    ///
    /// A raw set: no metamethod of the globals table runs.
    func setGlobal(_ name: String, to value: Double) {
        lua_rawgeti(state, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        var name = name
        name.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { lua_pushlstring(state, $0.baseAddress, $0.count) }
        }
        lua_pushnumber(state, value)
        lua_rawset(state, -3)
        clua_pop(state, 1)
    }

    /// Compiles `source` as a text chunk named `chunkName` and runs it once, within the budgets.
    func run(_ source: String, chunkName: String, instructionLimit: Int) -> Failure? {
        defer { lua_settop(state, 0) }
        var source = source
        budget.pointee.limit = memoryLimit
        let loaded = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                clua_loadbuffer(state, $0.baseAddress, $0.count, "=" + chunkName, "t")
            }
        }
        budget.pointee.limit = 0
        switch loaded {
        case LUA_OK: return protectedCall(arguments: 0, results: 0, instructionLimit: instructionLimit)
        case LUA_ERRMEM: return recoverFromMemoryExhaustion()
        default: return .syntax(message: errorMessage(at: -1))
        }
    }

    /// Looks up the global `name` without metamethods and, if it is a function, keeps a registry
    /// reference to it for `call`.
    ///
    /// Returns nil once referenced, else the Lua type name of what was found (`nil`, `number`, …).
    func referenceGlobalFunction(_ name: String) -> String? {
        defer { lua_settop(state, 0) }
        lua_rawgeti(state, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        lua_pushstring(state, name)
        let type = lua_rawget(state, -2)
        guard type == LUA_TFUNCTION else { return String(cString: lua_typename(state, type)) }
        if functionReference != LUA_NOREF {
            luaL_unref(state, clua_registryindex(), functionReference)
        }
        functionReference = luaL_ref(state, clua_registryindex())
        return nil
    }

    /// Calls the function taken by `referenceGlobalFunction` with one float per argument and one
    /// requested result, within the budgets.
    ///
    /// A numeric string result counts as its number (`lua_isnumber` semantics, engine.md Q23).
    func call(_ arguments: [Double], instructionLimit: Int) -> CallResult {
        defer { lua_settop(state, 0) }
        guard lua_checkstack(state, Int32(clamping: arguments.count + 1)) != 0 else {
            return .failed(.runtime(message: "stack overflow (\(arguments.count) arguments)"))
        }
        lua_rawgeti(state, clua_registryindex(), lua_Integer(functionReference))
        for argument in arguments {
            lua_pushnumber(state, argument)
        }
        let count = Int32(arguments.count)
        if let failure = protectedCall(arguments: count, results: 1, instructionLimit: instructionLimit) {
            return .failed(failure)
        }
        var isNumber: Int32 = 0
        let value = clua_tonumber(state, -1, &isNumber)
        if isNumber != 0 { return .number(value) }
        return .notANumber(typeName: String(cString: lua_typename(state, lua_type(state, -1))))
    }

    /// `lua_pcall` of the function below `arguments` values on the stack, with the memory cap
    /// and a fresh instruction budget armed for its duration.
    private func protectedCall(arguments: Int32, results: Int32, instructionLimit: Int) -> Failure? {
        // Count in chunks: a hook firing per instruction would cost more than the rule itself.
        let chunkSize = max(1, min(1_000, instructionLimit))
        let chunks = (max(1, instructionLimit) + chunkSize - 1) / chunkSize
        clua_budget_arm(state, budget, Int64(chunks), Int32(chunkSize))
        budget.pointee.limit = memoryLimit
        let status = clua_pcall(state, arguments, results, 0)
        budget.pointee.limit = 0
        lua_sethook(state, nil, 0, 0)
        if status == LUA_OK { return nil }
        if budget.pointee.instructions_exhausted != 0 { return .instructionBudgetExhausted }
        if status == LUA_ERRMEM { return recoverFromMemoryExhaustion() }
        return .runtime(message: errorMessage(at: -1))
    }

    /// Runs a full garbage-collection cycle (host step, outside any run).
    func collectGarbage() {
        _ = clua_gc_collect(state)
    }

    /// Collects the garbage of a run the memory cap aborted, so the next run starts with room.
    ///
    /// Also undoes a `collectgarbage("stop")` that would make every later run hit the cap.
    private func recoverFromMemoryExhaustion() -> Failure {
        lua_settop(state, 0)
        _ = clua_gc_collect(state)
        _ = clua_gc_restart(state)
        return .memoryBudgetExhausted
    }

    /// Lua's error object at `index` as text, without running any metamethod (`__tostring`).
    private func errorMessage(at index: Int32) -> String {
        switch lua_type(state, index) {
        case LUA_TSTRING:
            var length = 0
            guard let text = clua_tostring(state, index, &length) else { return "" }
            // A script may raise a message as large as its memory cap; a log line needs its start.
            let kept = min(length, Self.messageLimit)
            return String(decoding: UnsafeRawBufferPointer(start: text, count: kept), as: UTF8.self)
        case LUA_TNUMBER:
            return "\(clua_tonumber(state, index, nil))"
        case let type:
            return "(error object is a \(String(cString: lua_typename(state, type))) value)"
        }
    }
}
