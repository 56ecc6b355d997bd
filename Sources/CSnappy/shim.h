// Debian's libsnappy-dev C interface: the block compression remote-write bodies use.
#include <snappy-c.h>
