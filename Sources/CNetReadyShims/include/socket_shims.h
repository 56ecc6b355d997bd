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

// The epoll event bits the event loop uses (sys/epoll.h is not imported by Glibc).
#define CNETREADY_EPOLLIN 0x001u
#define CNETREADY_EPOLLOUT 0x004u
#define CNETREADY_EPOLLERR 0x008u
#define CNETREADY_EPOLLHUP 0x010u
#define CNETREADY_EPOLLRDHUP 0x2000u
#define CNETREADY_EPOLLONESHOT (1u << 30)

// epoll_ctl with a 64-bit token as the event's data (epoll_event is packed on x86_64, which Swift cannot lay out).
// `operation` is 1 (ADD), 2 (DEL) or 3 (MOD).
int CNetReadyShims_epollControl(int epoll, int operation, int descriptor, unsigned int events,
                                unsigned long long token);

// epoll_wait into two parallel arrays (tokens, event masks); returns the count, -1 and errno on failure.
int CNetReadyShims_epollWait(int epoll, unsigned long long *_Nonnull tokens, unsigned int *_Nonnull masks,
                             int capacity, int timeoutMilliseconds);

// The kernel's smoothed round-trip time of a TCP socket (TCP_INFO tcpi_rtt, microseconds); right after the
// handshake it is the SYN to SYN-ACK sample. 0 on success, -1 and errno on failure (netinet/tcp.h's struct
// tcp_info is not imported by Glibc).
int CNetReadyShims_tcpRoundTrip(int descriptor, unsigned int *_Nonnull microseconds);

// Names the calling thread (pthread_setname_np needs _GNU_SOURCE), for ps/top/perf; `name` is cut to 15 bytes.
void CNetReadyShims_setThreadName(const char *_Nonnull name);

// A non-blocking, close-on-exec eventfd (sys/eventfd.h is not imported by Glibc); -1 and errno on failure.
int CNetReadyShims_eventfd(void);

#endif // CNETREADYSHIMS_SOCKET_SHIMS_H
