#include "CZMQShim.h"

int czmqshim_version(void) {
    int major = 0, minor = 0, patch = 0;
    zmq_version(&major, &minor, &patch);
    return major * 10000 + minor * 100 + patch;
}

int czmqshim_errno(void) {
    return zmq_errno();
}
