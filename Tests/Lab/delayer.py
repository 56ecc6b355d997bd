#!/usr/bin/env python3
"""Hold every packet of an NFQUEUE for a fixed time, then accept it: the lab's `tc netem delay`.

The kernel here has no netem, so the router sends forwarded packets to an NFQUEUE and this
process gives the verdict late. Design:

- One thread does everything. netfilterqueue's verdict calls write to the same netlink socket
  the receive loop reads from; doing both from one thread needs no locking at all.
- The delay is constant, so packets become due in arrival order: a deque is a correct
  priority queue here (and keeps per-packet order, as netem does without jitter).
- The loop waits in select() on the queue's descriptor with a timeout equal to the time left
  until the head packet is due, then drains what arrived with run(block=False).
- Time is time.monotonic(); the timer slack is set to 1 us (prctl) so a select() timeout is
  not stretched by the default 50 us slack.
- Only packet metadata is copied from the kernel (COPY_META): we never look at payloads.
- On SIGTERM/SIGINT every held packet is accepted at once before exit, so changing the delay
  does not drop in-flight packets.
"""
import argparse
import collections
import ctypes
import os
import select
import signal
import socket
import sys
import time

from netfilterqueue import COPY_META, NetfilterQueue

PR_SET_TIMERSLACK = 29


class Stop(Exception):
    pass


def set_timer_slack_ns(ns):
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_TIMERSLACK, ctypes.c_ulong(ns), 0, 0, 0)
    except OSError:
        pass  # only precision suffers


def main():
    ap = argparse.ArgumentParser(description="NFQUEUE delayer for the netready lab")
    ap.add_argument("--queue", type=int, required=True, help="NFQUEUE number to bind")
    ap.add_argument("--delay-ms", type=float, required=True, help="delay applied to each packet")
    ap.add_argument("--pidfile")
    ap.add_argument("--spin-us", type=float, default=300.0,
                    help="busy-poll this long before a deadline instead of sleeping")
    ap.add_argument("--rt-priority", type=int, default=10, help="SCHED_FIFO priority (0 = leave alone)")
    ap.add_argument("--max-held", type=int, default=65536, help="kernel queue length")
    args = ap.parse_args()

    delay = args.delay_ms / 1000.0
    args.spin_s = args.spin_us / 1e6
    held = collections.deque()  # (due, packet), due is non-decreasing
    now = time.monotonic

    # Start the delay when the packet reached the router, not when we got around to reading
    # it: the kernel stamps it on receive (wall clock) once timestamping is on, which one
    # socket with SO_TIMESTAMP turns on. Convert to the monotonic clock through a fixed
    # offset; fall back to "now" if there is no stamp or it looks wrong.
    stamp_enabler = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    stamp_enabler.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_TIMESTAMP", 29), 1)
    wall_minus_mono = time.time() - time.monotonic()

    def on_packet(pkt):
        t = now()
        arrived = pkt.get_timestamp() - wall_minus_mono
        if not (t - 0.05 < arrived <= t):
            arrived = t
        held.append((arrived + delay, pkt))

    def on_signal(*_):
        raise Stop()

    set_timer_slack_ns(1000)
    # Real-time priority: the lab shares two cores with compilers and test runners, and a
    # delayer that waits for a time slice adds milliseconds of jitter. The busy-poll window is
    # short and bounded per packet, and the kernel's RT throttling still applies.
    try:
        if args.rt_priority > 0:
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(args.rt_priority))
    except (AttributeError, OSError):
        pass
    nfq = NetfilterQueue()
    nfq.bind(args.queue, on_packet, max_len=args.max_held, mode=COPY_META)
    fd = nfq.get_fd()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if args.pidfile:
        with open(args.pidfile + ".tmp", "w") as f:
            f.write(f"{os.getpid()}\n")
        os.rename(args.pidfile + ".tmp", args.pidfile)
    print(f"delayer: queue {args.queue}, {args.delay_ms} ms", flush=True)

    try:
        while True:
            t = now()
            while held and held[0][0] <= t:
                held.popleft()[1].accept()
            if held and held[0][0] - t < args.spin_s:
                # Close to the deadline: poll instead of sleeping, since a timed sleep here
                # wakes up 0.1-0.3 ms late on a VM, which would add up on every pass.
                timeout = 0.0
            elif held:
                timeout = held[0][0] - t - args.spin_s
            else:
                timeout = None
            readable, _, _ = select.select([fd], [], [], timeout)
            if readable:
                nfq.run(block=False)
    except Stop:
        pass
    finally:
        while held:
            held.popleft()[1].accept()
        nfq.unbind()
    return 0


if __name__ == "__main__":
    sys.exit(main())
