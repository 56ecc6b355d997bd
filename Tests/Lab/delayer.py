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
    ap.add_argument("--max-held", type=int, default=65536, help="kernel queue length")
    args = ap.parse_args()

    delay = args.delay_ms / 1000.0
    held = collections.deque()  # (due, packet), due is non-decreasing
    now = time.monotonic

    def on_packet(pkt):
        held.append((now() + delay, pkt))

    def on_signal(*_):
        raise Stop()

    set_timer_slack_ns(1000)
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
            timeout = max(0.0, held[0][0] - t) if held else None
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
