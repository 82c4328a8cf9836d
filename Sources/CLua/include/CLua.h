#ifndef CLUA_H
#define CLUA_H

/* Thin shim over Debian's Lua 5.4 (liblua5.4-dev). Only the Lua adapter in AlertEngine imports
   this module. Lua's API uses function-like macros that Swift cannot import; the static inline
   functions below give them callable names. */
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

/// Version number of the Lua headers this shim was compiled against (e.g. 504).
int clua_version_num(void);

#endif
