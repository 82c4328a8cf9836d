#include "CLua.h"

int clua_version_num(void) {
    return LUA_VERSION_NUM;
}
