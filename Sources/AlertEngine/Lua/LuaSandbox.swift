/// What a Lua rule's interpreter state contains before the rule's own text runs
/// (decisions.md D4, engine.md §4).
enum LuaSandbox {
    /// The only libraries opened: no `io`, `os`, `package`/`require`, `debug` or `coroutine`.
    static let libraries: [LuaState.Library] = [.base, .string, .table, .math, .utf8]

    /// Chunk name of the rule's evaluation text: Lua's messages then read `evaluation:3: …`.
    static let evaluationChunkName = "evaluation"

    /// Chunk name of `prelude`.
    static let preludeChunkName = "sandbox"

    /// Instruction budget of `prelude`, which is ours and short; independent of the rule's budget.
    static let preludeInstructionLimit = 10_000

    /// Lua run once, after the libraries are opened, to close what D4 forbids and to keep the
    /// Lua 5.1 names a rule written for the original might use.
    ///
    /// - `dofile`, `loadfile` and `string.dump` are removed; `load` (and `loadstring`) accept
    ///   text chunks only, whatever mode the caller asks for. The wrapper keeps the argument
    ///   count because Lua 5.4's `load` treats an explicit nil `env` differently from none.
    /// - `setmetatable` refuses a metatable with `__gc`: Lua runs finalizers with hooks off, so a
    ///   finalizer that loops would escape the instruction budget and hang the engine.
    /// - Lua 5.1 names (engine.md §4: the original links 5.1). No shipped rule or template uses
    ///   them; they cost nothing and keep hand-written 5.1 rules working.
    static let prelude = """
        local load, select, setmetatable, rawget, type, error = load, select, setmetatable, rawget, type, error
        dofile = nil
        loadfile = nil
        string.dump = nil
        local function textload(chunk, chunkname, mode, ...)
          if select("#", ...) > 0 then return load(chunk, chunkname, "t", ...) end
          return load(chunk, chunkname, "t")
        end
        _G.load = textload
        _G.setmetatable = function(t, mt)
          if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
            error("__gc metamethods are not allowed in rules", 2)
          end
          return setmetatable(t, mt)
        end
        unpack = table.unpack
        loadstring = function(s, chunkname) return textload(s, chunkname) end
        math.pow = function(x, y) return x ^ y end
        math.mod = math.fmod
        math.log10 = function(x) return math.log(x, 10) end
        table.getn = function(t) return #t end
        string.gfind = string.gmatch
        """
}
