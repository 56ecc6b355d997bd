// Socket shims for NetReadyPosix: ancillary-data macros, the Linux error-queue header and
// GNU-only names that the Glibc module does not import.
#ifndef CNETREADYSHIMS_SOCKET_SHIMS_H
#define CNETREADYSHIMS_SOCKET_SHIMS_H

#include <stddef.h>
#include <sys/socket.h>
// Glibc does not import linux/errqueue.h: this makes `struct sock_extended_err` and the
// SO_EE_ORIGIN_* constants visible to Swift.
#include <linux/errqueue.h>

// CMSG_FIRSTHDR is a macro, which Swift cannot call.
struct cmsghdr *_Nullable CNetReadyShims_CMSG_FIRSTHDR(const struct msghdr *_Nonnull message);

// CMSG_NXTHDR is a macro (wrapping __cmsg_nxthdr), which Swift cannot call.
struct cmsghdr *_Nullable CNetReadyShims_CMSG_NXTHDR(struct msghdr *_Nonnull message,
                                                     struct cmsghdr *_Nonnull header);

// CMSG_DATA is a macro, which Swift cannot call.
unsigned char *_Nonnull CNetReadyShims_CMSG_DATA(struct cmsghdr *_Nonnull header);

// CMSG_SPACE is a macro, which Swift cannot call.
size_t CNetReadyShims_CMSG_SPACE(size_t payloadLength);

// CMSG_LEN is a macro, which Swift cannot call.
size_t CNetReadyShims_CMSG_LEN(size_t payloadLength);

// SO_EE_OFFENDER is a macro (the sockaddr that follows the sock_extended_err), which Swift cannot call.
const struct sockaddr *_Nonnull CNetReadyShims_SO_EE_OFFENDER(const struct sock_extended_err *_Nonnull error);

// strerrorname_np needs _GNU_SOURCE, which the Glibc module is not built with. NULL for unknown codes.
const char *_Nullable CNetReadyShims_errnoName(int code);

// EAI_NODATA, EAI_ADDRFAMILY and friends need _GNU_SOURCE, which the Glibc module is not built with.
// Returns the constant's name ("EAI_NONAME"), or NULL for unknown codes.
const char *_Nullable CNetReadyShims_gaiErrorName(int code);

// accept4 needs _GNU_SOURCE, which the Glibc module is not built with; it sets SOCK_NONBLOCK|SOCK_CLOEXEC atomically.
int CNetReadyShims_accept4(int descriptor, int flags);

// Glibc does not import sys/epoll.h. Creates a close-on-exec epoll instance; -1 and errno on failure.
int CNetReadyShims_epollCreate(void);

// Glibc does not import sys/epoll.h (and epoll_event is packed on x86_64). Adds `descriptor` to `epoll`,
// level-triggered, for EPOLLOUT when `writable` is non-zero, EPOLLIN otherwise; EPOLLERR/EPOLLHUP are implicit.
int CNetReadyShims_epollWatch(int epoll, int descriptor, int writable);

#endif // CNETREADYSHIMS_SOCKET_SHIMS_H
