// Socket shims for NetReadyPosix; see include/socket_shims.h for why each one exists.
#define _GNU_SOURCE 1
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include "include/socket_shims.h"

struct cmsghdr *CNetReadyShims_CMSG_FIRSTHDR(const struct msghdr *message) {
    return CMSG_FIRSTHDR(message);
}

struct cmsghdr *CNetReadyShims_CMSG_NXTHDR(struct msghdr *message, struct cmsghdr *header) {
    return CMSG_NXTHDR(message, header);
}

unsigned char *CNetReadyShims_CMSG_DATA(struct cmsghdr *header) {
    return CMSG_DATA(header);
}

size_t CNetReadyShims_CMSG_SPACE(size_t payloadLength) {
    return CMSG_SPACE(payloadLength);
}

size_t CNetReadyShims_CMSG_LEN(size_t payloadLength) {
    return CMSG_LEN(payloadLength);
}

const struct sockaddr *CNetReadyShims_SO_EE_OFFENDER(const struct sock_extended_err *error) {
    return SO_EE_OFFENDER(error);
}

int CNetReadyShims_accept4(int descriptor, int flags) {
    return accept4(descriptor, NULL, NULL, flags);
}

int CNetReadyShims_epollCreate(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

int CNetReadyShims_epollWatch(int epoll, int descriptor, int writable) {
    struct epoll_event event = {0};
    event.events = writable ? EPOLLOUT : EPOLLIN;
    event.data.fd = descriptor;
    return epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event);
}

int CNetReadyShims_epollControl(int epoll, int operation, int descriptor, unsigned int events,
                                unsigned long long token) {
    struct epoll_event event = {0};
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epoll, operation, descriptor, &event);
}

int CNetReadyShims_epollWait(int epoll, unsigned long long *tokens, unsigned int *masks, int capacity,
                             int timeoutMilliseconds) {
    struct epoll_event events[256];
    if (capacity > 256) {
        capacity = 256;
    }
    int count = epoll_wait(epoll, events, capacity, timeoutMilliseconds);
    for (int index = 0; index < count; index++) {
        tokens[index] = events[index].data.u64;
        masks[index] = events[index].events;
    }
    return count;
}

int CNetReadyShims_tcpRoundTrip(int descriptor, unsigned int *microseconds) {
    struct tcp_info info;
    socklen_t length = sizeof info;
    memset(&info, 0, sizeof info);
    if (getsockopt(descriptor, IPPROTO_TCP, TCP_INFO, &info, &length) != 0) {
        return -1;
    }
    *microseconds = info.tcpi_rtt;
    return 0;
}

void CNetReadyShims_setThreadName(const char *name) {
    char truncated[16];
    strncpy(truncated, name, sizeof truncated - 1);
    truncated[sizeof truncated - 1] = 0;
    pthread_setname_np(pthread_self(), truncated);
}

int CNetReadyShims_eventfd(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

const char *CNetReadyShims_errnoName(int code) {
    return strerrorname_np(code);
}

const char *CNetReadyShims_gaiErrorName(int code) {
    switch (code) {
    case EAI_BADFLAGS: return "EAI_BADFLAGS";
    case EAI_NONAME: return "EAI_NONAME";
    case EAI_AGAIN: return "EAI_AGAIN";
    case EAI_FAIL: return "EAI_FAIL";
    case EAI_FAMILY: return "EAI_FAMILY";
    case EAI_SOCKTYPE: return "EAI_SOCKTYPE";
    case EAI_SERVICE: return "EAI_SERVICE";
    case EAI_MEMORY: return "EAI_MEMORY";
    case EAI_SYSTEM: return "EAI_SYSTEM";
    case EAI_OVERFLOW: return "EAI_OVERFLOW";
    case EAI_NODATA: return "EAI_NODATA";
    case EAI_ADDRFAMILY: return "EAI_ADDRFAMILY";
    case EAI_INPROGRESS: return "EAI_INPROGRESS";
    case EAI_CANCELED: return "EAI_CANCELED";
    case EAI_NOTCANCELED: return "EAI_NOTCANCELED";
    case EAI_ALLDONE: return "EAI_ALLDONE";
    case EAI_INTR: return "EAI_INTR";
    case EAI_IDN_ENCODE: return "EAI_IDN_ENCODE";
    default: return NULL;
    }
}
