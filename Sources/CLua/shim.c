#include "CLua.h"

#include <stdlib.h>

int clua_version_num(void) {
    return LUA_VERSION_NUM;
}

/* lua_Alloc that accounts every byte in the state's budget and refuses growth past its limit.
   Lua answers a refusal with an emergency collection and, if that does not help, LUA_ERRMEM
   raised inside the running protected call, so the state stays consistent. Shrinking never
   fails (Lua relies on that). */
static void *budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    clua_budget *budget = ud;
    size_t old = ptr != NULL ? osize : 0;  /* with ptr == NULL, osize is a type tag */
    if (nsize == 0) {
        free(ptr);
        budget->used -= old;
        return NULL;
    }
    if (nsize > old && budget->limit != 0
        && (budget->used >= budget->limit || nsize - old > budget->limit - budget->used)) {
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    budget->used = budget->used - old + nsize;
    return block;
}

/* Count hook: one firing per chunk of instructions. Once the budget is gone it re-arms itself to
   fire on EVERY instruction, so a script that catches the error (pcall, a load reader) is
   stopped again at its very next instruction and the error climbs to the host's lua_pcall. */
static void budget_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    void *ud = NULL;
    lua_getallocf(L, &ud);
    clua_budget *budget = ud;
    if (budget->instructions_exhausted || --budget->chunks_left <= 0) {
        budget->instructions_exhausted = 1;
        lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
        lua_pushliteral(L, "instruction budget exceeded");
        lua_error(L);
    }
}

void clua_budget_charge(lua_State *L, double instructions) {
    void *ud = NULL;
    if (lua_getallocf(L, &ud) != budget_alloc || lua_gethook(L) != budget_hook) return;  /* not armed */
    int chunk_size = lua_gethookcount(L);
    if (chunk_size <= 0) return;
    clua_budget *budget = ud;
    double chunks = instructions / chunk_size;
    if (chunks >= (double)budget->chunks_left) {
        budget->chunks_left = 0;
        budget->instructions_exhausted = 1;
        lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
        lua_pushliteral(L, "instruction budget exceeded");
        lua_error(L);
    }
    budget->chunks_left -= (long long)chunks;
}

lua_State *clua_newstate(clua_budget *budget) {
    return lua_newstate(budget_alloc, budget);
}

void clua_budget_arm(lua_State *L, clua_budget *budget, long long chunks, int chunk_size) {
    budget->chunks_left = chunks;
    budget->instructions_exhausted = 0;
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, chunk_size);
}
