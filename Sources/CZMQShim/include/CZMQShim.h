#ifndef CZMQSHIM_H
#define CZMQSHIM_H

/* Thin shim over Debian's libzmq (libzmq3-dev). Only Sources/ZeroMQ imports this module. */
#include <zmq.h>
#include <errno.h>

/// Returns the libzmq version as major * 10000 + minor * 100 + patch.
int czmqshim_version(void);

/// Returns the calling thread's errno (Swift cannot read the thread-local macro portably).
int czmqshim_errno(void);

#endif
