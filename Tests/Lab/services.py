#!/usr/bin/env python3
"""Small far-side servers of the netready lab, in one process (run inside nr-far).

- UDP echo: every datagram is sent back unchanged, from the address it was sent to (each
  socket is bound to one address, so the reply's source is right even on a host with many).
- TCP echo listeners: accept, echo whatever arrives, close when the peer closes.
- "silent" TLS port: accepts TCP and never says a word (a stuck middlebox / tarpit).
- "reset" TLS port: reads the ClientHello, then closes with SO_LINGER {1, 0} so the kernel
  sends RST instead of FIN (a firewall that kills TLS after seeing the SNI).
- "ws" / "wss" WebSocket endpoint (wss with --cert/--key): GET /ws with an RFC 6455 upgrade
  gets 101 and a correct Sec-WebSocket-Accept, /ws-bad-accept gets 101 with a wrong one, any
  other request 200 text/plain (a web server that does not speak WebSocket). One thread per
  connection; nothing is read after the 101 but the close.
- "dnswhoami" UDP DNS server: a "what is my address" service in the manner of Google's
  o-o.myaddr / OpenDNS's myip. Every A query is answered with the asker's IPv4 address, AAAA
  with its IPv6 address (NOERROR and no data when the asker used the other family), TXT with
  the address as text; other types get NOERROR and no data. Asked directly it reports the
  client's egress (SNAT) address; asked through a recursive resolver, the resolver's.
- "stunlimit" UDP STUN server that rate-limits: it answers the first STUN_LIMIT (40) Binding
  requests from each client address:port with a success (XOR-MAPPED-ADDRESS), then never again,
  as a public STUN server throttling a client would.

Listen specs are PROTO:ADDR:PORT[-PORT]; IPv6 addresses go in brackets: udp:[fd77:ff::2]:7.
"""
import argparse
import base64
import hashlib
import os
import selectors
import signal
import socket
import struct
import ssl
import sys
import threading

WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


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
    def __init__(self, tls_context=None):
        self.sel = selectors.DefaultSelector()
        self.silent = []  # connections held open on purpose, never read
        self.tls_context = tls_context

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
            elif proto == "dnswhoami":
                self.sel.register(bind(socket.SOCK_DGRAM, addr, port), selectors.EVENT_READ, dns_whoami)
            elif proto == "stunlimit":
                self.sel.register(bind(socket.SOCK_DGRAM, addr, port), selectors.EVENT_READ, StunLimited())
            elif proto in ("ws", "wss"):
                if proto == "wss" and self.tls_context is None:
                    raise SystemExit("wss needs --cert and --key")
                listener = bind(socket.SOCK_STREAM, addr, port)
                listener.setblocking(True)
                context = self.tls_context if proto == "wss" else None
                threading.Thread(target=websocket_listen, args=(listener, context), daemon=True).start()
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


def dns_whoami_answer(query, peer_ip):
    """The response to one DNS query (RFC 1035 wire format), or None for a message to ignore."""
    if len(query) < 12 or query[2] & 0x80:  # too short, or a response
        return None
    qdcount = struct.unpack("!H", query[4:6])[0]
    if qdcount != 1:
        return None
    offset = 12
    while True:  # the question name, uncompressed labels
        if offset >= len(query):
            return None
        length = query[offset]
        offset += 1
        if length == 0:
            break
        if length & 0xC0:
            return None
        offset += length
    if offset + 4 > len(query):
        return None
    qtype = struct.unpack("!H", query[offset:offset + 2])[0]
    question = query[12:offset + 4]
    answers = []
    family = socket.AF_INET6 if ":" in peer_ip else socket.AF_INET
    if qtype == 1 and family == socket.AF_INET:
        answers.append((1, socket.inet_pton(socket.AF_INET, peer_ip)))
    elif qtype == 28 and family == socket.AF_INET6:
        answers.append((28, socket.inet_pton(socket.AF_INET6, peer_ip)))
    elif qtype == 16:
        text = peer_ip.encode()
        answers.append((16, bytes([len(text)]) + text))
    flags = 0x8400 | (query[2] & 0x01) << 8  # QR, AA, copy RD; RCODE 0
    header = query[0:2] + struct.pack("!HHHHH", flags, 1, len(answers), 0, 0)
    body = b"".join(struct.pack("!HHHIH", 0xC00C, rtype, 1, 0, len(data)) + data for rtype, data in answers)
    return header + question + body


def dns_whoami(sock):
    try:
        query, peer = sock.recvfrom(4096)
        answer = dns_whoami_answer(query, peer[0])
        if answer is not None:
            sock.sendto(answer, peer)
    except OSError:
        pass


STUN_LIMIT = 40
STUN_COOKIE = 0x2112A442


class StunLimited:
    """Answers the first STUN_LIMIT Binding requests of each client (address, port), then nothing."""

    def __init__(self):
        self.counts = {}

    def __call__(self, sock):
        try:
            data, peer = sock.recvfrom(4096)
        except OSError:
            return
        if len(data) < 20 or data[0:2] != b"\x00\x01" or data[4:8] != struct.pack("!I", STUN_COOKIE):
            return
        count = self.counts.get(peer[:2], 0)
        self.counts[peer[:2]] = count + 1
        if count >= STUN_LIMIT or ":" in peer[0]:
            return
        ip = struct.unpack("!I", socket.inet_aton(peer[0]))[0]
        value = struct.pack("!BBHI", 0, 1, peer[1] ^ (STUN_COOKIE >> 16), ip ^ STUN_COOKIE)
        body = struct.pack("!HH", 0x0020, len(value)) + value
        answer = struct.pack("!HHI", 0x0101, len(body), STUN_COOKIE) + data[8:20] + body
        try:
            sock.sendto(answer, peer)
        except OSError:
            pass


def websocket_listen(listener, context):
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            continue
        threading.Thread(target=websocket_session, args=(conn, context), daemon=True).start()


def websocket_session(conn, context):
    conn.settimeout(10)
    # Without it the 101 waits behind the unacknowledged TLS 1.3 session tickets (Nagle + delayed ACK: ~40 ms).
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        if context is not None:
            conn = context.wrap_socket(conn, server_side=True)
        request = b""
        while b"\r\n\r\n" not in request and len(request) < 16384:
            chunk = conn.recv(4096)
            if not chunk:
                return
            request += chunk
        lines = request.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
        target = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 1 else ""
        path = target.split("?")[0]
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        key = headers.get("sec-websocket-key", "")
        upgrade = "websocket" in headers.get("upgrade", "").lower() and key
        if upgrade and path in ("/ws", "/ws-bad-accept"):
            accept = base64.b64encode(hashlib.sha1((key + WEBSOCKET_GUID).encode()).digest()).decode()
            if path == "/ws-bad-accept":
                accept = base64.b64encode(hashlib.sha1(b"not the key").digest()).decode()
            conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          f"Sec-WebSocket-Accept: {accept}\r\nServer: netready-lab\r\n\r\n").encode())
            while conn.recv(4096):
                pass
        else:
            body = b"netready lab: not a WebSocket endpoint\n"
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nServer: netready-lab\r\n"
                         b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
    except (OSError, ssl.SSLError, IndexError, UnicodeError):
        pass
    finally:
        conn.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pidfile")
    ap.add_argument("--cert", help="PEM certificate (chain) for wss listeners")
    ap.add_argument("--key", help="PEM private key for wss listeners")
    ap.add_argument("listen", nargs="+", help="PROTO:ADDR:PORT[-PORT], PROTO = udp|tcp|silent|reset|ws|wss|dnswhoami|stunlimit")
    args = ap.parse_args()
    context = None
    if args.cert and args.key:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
    servers = Servers(context)
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
