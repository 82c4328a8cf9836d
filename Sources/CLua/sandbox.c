#include "CLua.h"

#include <math.h>
#include <stdatomic.h>

/* The sandbox of a rule's state (decisions.md D4, engine.md §4), set up through the C API rather
   than by running a Lua script: a script leaves a function prototype per wrapper and its source
   strings in every state (~3.4 KB each, times thousands of rules), whereas the light C functions
   below cost nothing but their table slot. */

/* The base library's own `load` and `setmetatable`. The wrappers call them in the same C frame,
   so argument errors still name `load` / `setmetatable`. Every state's base library registers the
   same functions, so one process-wide copy serves them all. */
static _Atomic(lua_CFunction) base_load;
static _Atomic(lua_CFunction) base_setmetatable;

/* load(chunk [, chunkname [, mode [, env]]]) with mode forced to "t": no binary chunk whatever
   the caller asks for. Lua 5.4's load treats an explicit nil env unlike an absent one, so the
   argument count is kept (at least 3, for the mode). */
static int sandbox_load(lua_State *L) {
    if (lua_gettop(L) < 3) lua_settop(L, 3);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    return atomic_load_explicit(&base_load, memory_order_relaxed)(L);
}

/* Lua 5.1's loadstring(s [, chunkname]): load of text with the default environment. */
static int sandbox_loadstring(lua_State *L) {
    lua_settop(L, 2);
    return sandbox_load(L);
}

/* setmetatable refusing a metatable with __gc: Lua runs finalizers with hooks off, so a looping
   finalizer would escape the instruction budget. luaL_error's position is the caller's line. */
static int sandbox_setmetatable(lua_State *L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL) return luaL_error(L, "__gc metamethods are not allowed in rules");
        lua_pop(L, 1);
    }
    return atomic_load_explicit(&base_setmetatable, memory_order_relaxed)(L);
}

/* Issue 14 item 5: string-library functions run in C, out of the instruction hook's sight. The
   backtracking matcher of find/match/gmatch/gsub can take time polynomial in the subject's length
   (`.-.-.-b` is cubic), and rep/format build their result in one C call. The wrappers below refuse
   the calls whose worst case is beyond a fixed bound, before any work is done: a pattern call costs at most (n + 1)^(q + 1) matcher steps for a subject of n bytes and a
     pattern of q repetition items (`*`, `+`, `-`, `?`), one factor fewer when anchored with `^`;
     calls whose bound exceeds CLUA_MATCH_STEPS are refused (plain finds are linear: never), and
     the bound of an accepted call is charged to the instruction budget, one step an instruction,
     so a loop of costly calls runs out of budget like any loop.
   string.rep, `..` and table.concat are linear in their result, which the memory budget bounds
   (8 MiB by default: a few milliseconds of copying at most); string.format needs no wrapper, as
   Lua 5.4 refuses widths and precisions over two digits. */
#define CLUA_MATCH_STEPS 1.0e6

enum { STR_FIND, STR_MATCH, STR_GMATCH, STR_GSUB, STR_COUNT };
static _Atomic(lua_CFunction) string_functions[STR_COUNT];
static const char *const string_names[STR_COUNT] = { "find", "match", "gmatch", "gsub" };

/* Repetition items of a Lua pattern, sets and escapes skipped over. */
static int pattern_repetitions(const char *p, size_t len) {
    int count = 0;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (c == '%') { i++; continue; }
        if (c == '[') {
            i++;
            if (i < len && p[i] == '^') i++;
            if (i < len) i++;  /* a leading ']' belongs to the set */
            while (i < len && p[i] != ']') { if (p[i] == '%') i++; i++; }
            continue;
        }
        if ((c == '*' || c == '+' || c == '-' || c == '?') && i > 0) count++;
    }
    return count;
}

/* Refuses a pattern call whose worst case exceeds CLUA_MATCH_STEPS. */
static void check_pattern_cost(lua_State *L, int which) {
    size_t n, plen;
    luaL_checklstring(L, 1, &n);
    const char *p = luaL_checklstring(L, 2, &plen);
    if (which == STR_FIND && lua_toboolean(L, 4)) return;  /* plain find: linear */
    int anchored = plen > 0 && p[0] == '^';
    int factors = pattern_repetitions(p, plen) + (anchored ? 0 : 1);
    if (factors == 0) return;
    double cost = 1.0;
    for (int i = 0; i < factors && cost <= CLUA_MATCH_STEPS; i++) cost *= (double)n + 1.0;
    if (cost > CLUA_MATCH_STEPS)
        luaL_error(L, "string.%s: pattern too costly for a subject of %d bytes (rules are limited to %d "
                      "worst-case matcher steps)", string_names[which], (int)n, (int)CLUA_MATCH_STEPS);
    clua_budget_charge(L, cost);  /* one worst-case step per instruction: a loop of calls is bounded too */
}

static int call_string(lua_State *L, int which) {
    return atomic_load_explicit(&string_functions[which], memory_order_relaxed)(L);
}

static int sandbox_find(lua_State *L) { check_pattern_cost(L, STR_FIND); return call_string(L, STR_FIND); }
static int sandbox_match(lua_State *L) { check_pattern_cost(L, STR_MATCH); return call_string(L, STR_MATCH); }
static int sandbox_gmatch(lua_State *L) { check_pattern_cost(L, STR_GMATCH); return call_string(L, STR_GMATCH); }
static int sandbox_gsub(lua_State *L) { check_pattern_cost(L, STR_GSUB); return call_string(L, STR_GSUB); }

static const lua_CFunction string_wrappers[STR_COUNT] = {
    sandbox_find, sandbox_match, sandbox_gmatch, sandbox_gsub };

/* Lua 5.1 math.pow(x, y): x ^ y, with the operator's own coercions and metamethods. */
static int compat_pow(lua_State *L) {
    lua_settop(L, 2);
    lua_arith(L, LUA_OPPOW);
    return 1;
}

/* Lua 5.1 math.log10(x): math.log(x, 10), which computes log10. */
static int compat_log10(lua_State *L) {
    lua_pushnumber(L, log10(luaL_checknumber(L, 1)));
    return 1;
}

/* Lua 5.1 table.getn(t): #t, with the operator's __len. */
static int compat_getn(lua_State *L) {
    lua_settop(L, 1);
    lua_len(L, 1);
    return 1;
}

/* Replaces field `name` of the table at the top by the light C function `f`. */
static void set_function(lua_State *L, const char *name, lua_CFunction f) {
    lua_pushcfunction(L, f);
    lua_setfield(L, -2, name);
}

/* Replaces field `name` of the table at the top by its field `from` (an alias). */
static void set_alias(lua_State *L, const char *name, const char *from) {
    lua_getfield(L, -1, from);
    lua_setfield(L, -2, name);
}

void clua_sandbox(lua_State *L) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);

    lua_getfield(L, -1, "load");
    lua_CFunction load = lua_tocfunction(L, -1);
    lua_getfield(L, -2, "setmetatable");
    lua_CFunction setmetatable = lua_tocfunction(L, -1);
    lua_pop(L, 2);
    if (load == NULL || setmetatable == NULL) {  /* base library not opened: nothing to wrap */
        lua_pop(L, 1);
        return;
    }
    atomic_store_explicit(&base_load, load, memory_order_relaxed);
    atomic_store_explicit(&base_setmetatable, setmetatable, memory_order_relaxed);

    lua_pushnil(L);
    lua_setfield(L, -2, "dofile");
    lua_pushnil(L);
    lua_setfield(L, -2, "loadfile");
    set_function(L, "load", sandbox_load);
    set_function(L, "setmetatable", sandbox_setmetatable);
    set_function(L, "loadstring", sandbox_loadstring);

    if (lua_getfield(L, -1, LUA_STRLIBNAME) == LUA_TTABLE) {
        lua_pushnil(L);
        lua_setfield(L, -2, "dump");
        for (int i = 0; i < STR_COUNT; i++) {
            lua_getfield(L, -1, string_names[i]);
            lua_CFunction original = lua_tocfunction(L, -1);
            lua_pop(L, 1);
            if (original == NULL || original == string_wrappers[i]) continue;
            atomic_store_explicit(&string_functions[i], original, memory_order_relaxed);
            set_function(L, string_names[i], string_wrappers[i]);
        }
        set_alias(L, "gfind", "gmatch");
    }
    lua_pop(L, 1);
    if (lua_getfield(L, -1, LUA_TABLIBNAME) == LUA_TTABLE) {
        lua_getfield(L, -1, "unpack");
        lua_setfield(L, -3, "unpack");  /* the global unpack */
        set_function(L, "getn", compat_getn);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, -1, LUA_MATHLIBNAME) == LUA_TTABLE) {
        set_function(L, "pow", compat_pow);
        set_alias(L, "mod", "fmod");
        set_function(L, "log10", compat_log10);
    }
    lua_pop(L, 2);
}
