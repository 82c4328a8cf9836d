/// What a Lua rule's interpreter state contains before the rule's own text runs
/// (decisions.md D4, engine.md §4).
enum LuaSandbox {
    /// The only libraries opened: no `io`, `os`, `package`/`require`, `debug` or `coroutine`.
    static let libraries: [LuaState.Library] = [.base, .string, .table, .math, .utf8]

    /// Chunk name of the rule's evaluation text: Lua's messages then read `evaluation:3: …`.
    static let evaluationChunkName = "evaluation"

    // What closes D4's holes after the libraries are opened, and the Lua 5.1 names a rule
    // written for the original might use (engine.md §4: the original links 5.1), is done in C
    // by `LuaState.closeSandbox()` (Sources/CLua/sandbox.c): light C functions cost no memory
    // per state, where the same wrappers written in Lua cost ~3.4 KB of prototypes and strings
    // in each of thousands of states.
    // - `dofile`, `loadfile` and `string.dump` are removed; `load` (and `loadstring`) accept
    //   text chunks only, whatever mode the caller asks for, keeping the argument count because
    //   Lua 5.4's `load` treats an explicit nil `env` differently from none.
    // - `setmetatable` refuses a metatable with `__gc`: Lua runs finalizers with hooks off, so a
    //   finalizer that loops would escape the instruction budget and hang the engine.
    // - Lua 5.1 names: `unpack`, `loadstring`, `math.pow`, `math.mod`, `math.log10`,
    //   `table.getn`, `string.gfind`. No shipped rule or template uses them; in C they cost
    //   nothing and keep hand-written 5.1 rules working.
}
