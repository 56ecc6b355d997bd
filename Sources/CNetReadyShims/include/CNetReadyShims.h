// Umbrella header of CNetReadyShims: C only where Swift cannot call the API (macros, variadics,
// Linux headers that Glibc does not import). Each shim's header says why it exists.
#ifndef CNETREADYSHIMS_H
#define CNETREADYSHIMS_H

#include "socket_shims.h"
#include "tls_shims.h"
#include "curl_shims.h"

#endif
