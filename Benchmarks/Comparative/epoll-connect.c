// A bare C epoll connect loop: the floor for netready's TCP connect rate on this machine.
// Usage: epoll-connect ADDRESS FIRST_PORT LAST_PORT [IN_FLIGHT] [TIMEOUT_MS]
// Connects to every port with IN_FLIGHT (default 2000) non-blocking sockets in flight, one epoll set, a
// per-socket deadline; prints counts of open / refused / other errors / timed out and the elapsed time.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s ADDRESS FIRST_PORT LAST_PORT [IN_FLIGHT] [TIMEOUT_MS]\n", argv[0]);
        return 2;
    }
    struct sockaddr_in address = {.sin_family = AF_INET};
    inet_pton(AF_INET, argv[1], &address.sin_addr);
    int first = atoi(argv[2]), last = atoi(argv[3]);
    int limit = argc > 4 ? atoi(argv[4]) : 2000;
    double timeout = argc > 5 ? atof(argv[5]) : 2000;
    int epoll = epoll_create1(EPOLL_CLOEXEC);
    double *deadline = calloc(1 << 20, sizeof(double));
    long open_count = 0, refused = 0, other = 0, timed_out = 0;
    int next = first, in_flight = 0;
    double start = now_ms();
    struct epoll_event events[512];
    while (next <= last || in_flight > 0) {
        while (next <= last && in_flight < limit) {
            int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) { other++; next++; continue; }
            address.sin_port = htons(next++);
            if (connect(fd, (struct sockaddr *)&address, sizeof address) == 0) { open_count++; close(fd); continue; }
            if (errno != EINPROGRESS) { errno == ECONNREFUSED ? refused++ : other++; close(fd); continue; }
            struct epoll_event event = {.events = EPOLLOUT, .data.fd = fd};
            epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
            deadline[fd] = now_ms() + timeout;
            in_flight++;
        }
        int count = epoll_wait(epoll, events, 512, 10);
        for (int i = 0; i < count; i++) {
            int fd = events[i].data.fd, error = 0;
            socklen_t length = sizeof error;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error == 0) open_count++; else if (error == ECONNREFUSED) refused++; else other++;
            deadline[fd] = 0;
            close(fd);
            in_flight--;
        }
        // A linear scan is fine for a floor: it runs only every 10 ms of silence or batch.
        if (count <= 0) {
            double t = now_ms();
            for (int fd = 0; fd < (1 << 20) && in_flight > 0; fd++) {
                if (deadline[fd] != 0 && deadline[fd] <= t) { deadline[fd] = 0; close(fd); timed_out++; in_flight--; }
            }
        }
    }
    printf("open %ld refused %ld error %ld timeout %ld elapsed_ms %.1f\n", open_count, refused, other, timed_out,
           now_ms() - start);
    return 0;
}
