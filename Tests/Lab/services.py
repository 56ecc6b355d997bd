#!/usr/bin/env python3
"""Small far-side servers of the netready lab, in one process (run inside nr-far).

- UDP echo: every datagram is sent back unchanged, from the address it was sent to (each
  socket is bound to one address, so the reply's source is right even on a host with many).
- TCP echo listeners: accept, echo whatever arrives, close when the peer closes.
- "silent" TLS port: accepts TCP and never says a word (a stuck middlebox / tarpit).
- "reset" TLS port: reads the ClientHello, then closes with SO_LINGER {1, 0} so the kernel
  sends RST instead of FIN (a firewall that kills TLS after seeing the SNI).

Listen specs are PROTO:ADDR:PORT[-PORT]; IPv6 addresses go in brackets: udp:[fd77:ff::2]:7.
"""
import argparse
import os
import selectors
import signal
import socket
import struct
import sys


def parse_spec(spec):
    """'udp:198.18.0.2:9000-9009' -> ('udp', '198.18.0.2', [9000..9009])."""
    proto, rest = spec.split(":", 1)
    if rest.startswith("["):
        addr, ports = rest[1:].split("]:", 1)
    else:
        addr, ports = rest.rsplit(":", 1)
    lo, _, hi = ports.partition("-")
    return proto, addr, list(range(int(lo), int(hi or lo) + 1))


def bind(kind, addr, port):
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    sock = socket.socket(family, kind)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    sock.bind((addr, port))
    if kind == socket.SOCK_STREAM:
        sock.listen(128)
    sock.setblocking(False)
    return sock


class Servers:
    def __init__(self):
        self.sel = selectors.DefaultSelector()
        self.silent = []  # connections held open on purpose, never read

    def add(self, proto, addr, ports):
        for port in ports:
            if proto == "udp":
                self.sel.register(bind(socket.SOCK_DGRAM, addr, port), selectors.EVENT_READ, self.udp_echo)
            elif proto == "tcp":
                self.sel.register(bind(socket.SOCK_STREAM, addr, port), selectors.EVENT_READ, self.tcp_accept)
            elif proto == "silent":
                self.sel.register(bind(socket.SOCK_STREAM, addr, port), selectors.EVENT_READ, self.silent_accept)
            elif proto == "reset":
                self.sel.register(bind(socket.SOCK_STREAM, addr, port), selectors.EVENT_READ, self.reset_accept)
            else:
                raise SystemExit(f"unknown protocol {proto!r}")

    def udp_echo(self, sock):
        try:
            data, peer = sock.recvfrom(65535)
            sock.sendto(data, peer)
        except OSError:
            pass

    def tcp_accept(self, sock):
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        conn.setblocking(False)
        self.sel.register(conn, selectors.EVENT_READ, self.tcp_echo)

    def tcp_echo(self, conn):
        try:
            data = conn.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.sel.unregister(conn)
            conn.close()
            return
        try:
            conn.sendall(data)
        except OSError:
            pass

    def silent_accept(self, sock):
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        # Keep it open and never read: the client's handshake just times out. Cap how many we
        # keep so a runaway test cannot exhaust descriptors.
        self.silent.append(conn)
        if len(self.silent) > 512:
            self.silent.pop(0).close()

    def reset_accept(self, sock):
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        conn.setblocking(False)
        self.sel.register(conn, selectors.EVENT_READ, self.reset_after_hello)

    def reset_after_hello(self, conn):
        try:
            conn.recv(65536)
        except OSError:
            pass
        self.sel.unregister(conn)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()

    def serve(self):
        while True:
            for key, _ in self.sel.select():
                key.data(key.fileobj)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pidfile")
    ap.add_argument("listen", nargs="+", help="PROTO:ADDR:PORT[-PORT], PROTO = udp|tcp|silent|reset")
    args = ap.parse_args()
    servers = Servers()
    for spec in args.listen:
        servers.add(*parse_spec(spec))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if args.pidfile:
        with open(args.pidfile + ".tmp", "w") as f:
            f.write(f"{os.getpid()}\n")
        os.rename(args.pidfile + ".tmp", args.pidfile)
    print(f"services: listening on {' '.join(args.listen)}", flush=True)
    servers.serve()


if __name__ == "__main__":
    main()
