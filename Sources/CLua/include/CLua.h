#ifndef CLUA_H
#define CLUA_H

/* Thin shim over Debian's Lua 5.4 (liblua5.4-dev). Only the Lua adapter in AlertEngine imports
   this module. Lua's API uses function-like macros that Swift cannot import; the static inline
   functions below give them callable names. */
#include <stddef.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

static inline int clua_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    return lua_pcall(L, nargs, nresults, msgh);
}
static inline const char *clua_tostring(lua_State *L, int idx, size_t *len) {
    return lua_tolstring(L, idx, len);
}
static inline void clua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void clua_newtable(lua_State *L) { lua_newtable(L); }
static inline int clua_isnil(lua_State *L, int idx) { return lua_isnil(L, idx); }
static inline int clua_isnumber(lua_State *L, int idx) { return lua_isnumber(L, idx); }
static inline int clua_isstring(lua_State *L, int idx) { return lua_isstring(L, idx); }
static inline lua_Number clua_tonumber(lua_State *L, int idx, int *isnum) { return lua_tonumberx(L, idx, isnum); }
static inline void clua_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline int clua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int clua_getglobal(lua_State *L, const char *name) { return lua_getglobal(L, name); }
static inline void clua_setglobal(lua_State *L, const char *name) { lua_setglobal(L, name); }
static inline void clua_remove(lua_State *L, int idx) { lua_remove(L, idx); }
static inline int clua_loadbuffer(lua_State *L, const char *buff, size_t sz, const char *name, const char *mode) {
    return luaL_loadbufferx(L, buff, sz, name, mode);
}
/* lua_gc is variadic in 5.4, which Swift cannot call. */
static inline int clua_gc_collect(lua_State *L) { return lua_gc(L, LUA_GCCOLLECT, 0); }
static inline int clua_gc_restart(lua_State *L) { return lua_gc(L, LUA_GCRESTART, 0); }

/// Version number of the Lua headers this shim was compiled against (e.g. 504).
int clua_version_num(void);

/* ---- Budgets (decisions.md D4) -------------------------------------------------------------
   The allocator and the count hook live in C, not Swift: the hook stops a script with lua_error,
   which longjmps, and a longjmp must never cross Swift frames. */

/// Per-state bookkeeping shared by the allocator and the count hook (the allocator's `ud`).
typedef struct clua_budget {
    /// Bytes currently allocated by the state.
    size_t used;
    /// Allocation ceiling in bytes; 0 means "no ceiling" (the host's own, unprotected steps).
    size_t limit;
    /// Count-hook firings left before the instruction budget is exhausted.
    long long chunks_left;
    /// Set when the count hook stopped the script; cleared by clua_budget_arm.
    int instructions_exhausted;
} clua_budget;

/// Creates a state whose every allocation is accounted in (and capped by) `budget`.
lua_State *clua_newstate(clua_budget *budget);

/// Arms the instruction budget of `L` for one run: `chunks` firings of `chunk_size` instructions.
void clua_budget_arm(lua_State *L, clua_budget *budget, long long chunks, int chunk_size);

/// Charges `instructions` to the armed instruction budget of `L` (work done in C, out of the count
/// hook's sight), raising the budget error when it is used up; does nothing when no budget is armed.
void clua_budget_charge(lua_State *L, double instructions);

/* ---- Sandbox (decisions.md D4, engine.md §4) ---------------------------------------------- */

/// Closes what D4 forbids in a state whose libraries are open, and adds the Lua 5.1 names.
///
/// `dofile`, `loadfile` and `string.dump` are removed; `load` (and 5.1's `loadstring`) accept
/// text chunks only, whatever mode is asked for; `setmetatable` refuses a metatable with `__gc`.
/// 5.1 names: `unpack`, `loadstring`, `math.pow`, `math.mod`, `math.log10`, `table.getn`,
/// `string.gfind`. All are light C functions or aliases: nothing is allocated per state but the
/// table slots. A host step (unprotected): run it with the memory cap lifted.
void clua_sandbox(lua_State *L);

#endif
