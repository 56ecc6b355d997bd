#!/usr/bin/env python3
"""Writes the binary seed corpora of Fuzz/corpus from the RFC test vectors in Tests and from small
messages built here byte for byte (DNS, RTP, WebSocket, ICMP). Text seeds (SIP, HTTP, YAML, URIs,
reports) are committed as files. Re-run after adding a vector; the output is deterministic."""
import os
import re
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


def stun_vectors():
    text = open(os.path.join(ROOT, "Tests", "NetReadyWireTests", "STUNTestVectors.swift")).read()
    for name, body in re.findall(r"static let (\w+): \[UInt8\] = \[(.*?)\]", text, re.S):
        yield name, bytes(int(h, 16) for h in re.findall(r"0x([0-9A-Fa-f]{2})", body))


def stun(msg_type, attrs, tid=b"\x01" * 12, fingerprint=False):
    body = b""
    for a_type, value in attrs:
        body += struct.pack("!HH", a_type, len(value)) + value + b"\0" * (-len(value) % 4)
    msg = struct.pack("!HHI", msg_type, len(body), 0x2112A442) + tid + body
    if fingerprint:
        msg = msg[:2] + struct.pack("!H", len(body) + 8) + msg[4:]
        crc = (zlib.crc32(msg) ^ 0x5354554E) & 0xFFFFFFFF
        msg += struct.pack("!HHI", 0x8028, 4, crc)
    return msg


def dns_name(name):
    return b"".join(bytes([len(p)]) + p.encode() for p in name.split(".") if p) + b"\0"


def dns(ident, flags, questions, answers=(), additionals=()):
    msg = struct.pack("!HHHHHH", ident, flags, len(questions), len(answers), 0, len(additionals))
    for name, qtype in questions:
        msg += dns_name(name) + struct.pack("!HH", qtype, 1)
    for rr in list(answers) + list(additionals):
        msg += rr
    return msg


def rr(name_bytes, rtype, rdata, rclass=1, ttl=300):
    return name_bytes + struct.pack("!HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def main():
    for name, data in stun_vectors():
        write("stun-message", f"rfc5769-{name}", data)
    xor_port = 3478 ^ 0x2112
    write("stun-message", "turn-allocate-401", stun(0x0113, [
        (0x0009, struct.pack("!HBB", 0, 4, 1) + b"Unauthorized"), (0x0014, b"example.org"), (0x0015, b"nonce-1234"),
    ], fingerprint=True))
    write("stun-message", "turn-allocate-success", stun(0x0103, [
        (0x0016, struct.pack("!BBH4s", 0, 1, xor_port, bytes(a ^ b for a, b in zip(b"\x0a\x4d\x01\x02", b"\x21\x12\xa4\x42")))),
        (0x0020, struct.pack("!BBH4s", 0, 1, xor_port, bytes(a ^ b for a, b in zip(b"\x7f\x00\x00\x01", b"\x21\x12\xa4\x42")))),
        (0x000D, struct.pack("!I", 600)),
    ], fingerprint=True))
    write("stun-message", "binding-other-address", stun(0x0101, [
        (0x0001, struct.pack("!BBH4s", 0, 1, 3478, b"\x7f\x00\x00\x01")),
        (0x802C, struct.pack("!BBH4s", 0, 1, 3479, b"\x7f\x00\x00\x02")),
        (0x802B, struct.pack("!BBH4s", 0, 1, 3478, b"\x7f\x00\x00\x01")),
        (0x0003, struct.pack("!I", 6)), (0x0019, struct.pack("!BBBB", 17, 0, 0, 0)), (0x0013, b"data"),
    ]))
    write("stun-message", "unknown-comprehension-required", stun(0x0101, [(0x0030, b"\0\0\0\0"), (0x7FFF, b"x")]))

    example = dns_name("example.com")
    pointer = b"\xc0\x0c"
    write("dns-message", "query-a-edns", dns(0x1234, 0x0100, [("example.com", 1)],
                                            additionals=[rr(b"\0", 41, b"", rclass=1232, ttl=0)]))
    write("dns-message", "answer-a-aaaa-cname", dns(0x1234, 0x8180, [("example.com", 1)], answers=[
        rr(pointer, 5, dns_name("www.example.com")), rr(pointer, 1, b"\x7f\x00\x00\x01"),
        rr(pointer, 28, b"\0" * 15 + b"\x01")]))
    write("dns-message", "answer-srv-txt-ns", dns(7, 0x8580, [("_sip._udp.example.com", 33)], answers=[
        rr(pointer, 33, struct.pack("!HHH", 10, 5, 5060) + dns_name("sip.example.com")),
        rr(pointer, 16, b"\x05hello\x05world"), rr(pointer, 2, dns_name("ns1.example.com"))]))
    write("dns-message", "nxdomain-soa", dns(9, 0x8183, [("nope.example.com", 1)], answers=[
        rr(example, 6, dns_name("ns1.example.com") + dns_name("hostmaster.example.com")
           + struct.pack("!IIIII", 1, 7200, 3600, 1209600, 300))]))
    write("dns-message", "pointer-loop", dns(1, 0x8180, [("a", 1)], answers=[rr(b"\xc0\x1d", 1, b"\1\2\3\4")]))
    write("dns-message", "truncated-tc", dns(2, 0x8380, [("example.com", 255)]))

    rtp = struct.pack("!BBHII", 0x80, 0, 1, 160, 0x11223344) + b"\xff" * 160
    write("rtp-packet", "pcmu-20ms", rtp)
    write("rtp-packet", "csrc-extension-padding",
          struct.pack("!BBHII", 0xB2, 0x88, 65535, 1, 2) + b"\0\0\0\1\0\0\0\2" + b"\xbe\xde\x00\x01abcd"
          + b"payload" + b"\0\0\3")
    write("rtp-packet", "rtcp-sender-report",
          struct.pack("!BBHI", 0x80, 200, 6, 0x11223344) + b"\0" * 20)

    write("websocket-frame", "text-unmasked", b"\x81\x05hello")
    write("websocket-frame", "binary-masked-16bit", b"\x82\xfe\x00\x80\x01\x02\x03\x04" + b"\x55" * 128)
    write("websocket-frame", "ping-pong-close", b"\x89\x00\x8a\x02hi\x88\x02\x03\xe8")
    write("websocket-frame", "fragmented-64bit", b"\x01\x7f" + struct.pack("!Q", 3) + b"abc" + b"\x80\x01d")

    echo_reply = struct.pack("!BBHHH", 0, 0, 0, 0x4e52, 1) + b"netready"
    write("icmp-echo", "echo-reply-v4", echo_reply)
    write("icmp-echo", "echo-reply-v6", struct.pack("!BBHHH", 129, 0, 0, 0x4e52, 1) + b"netready")
    ip_header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(echo_reply), 0, 0, 64, 1, 0, b"\x7f\0\0\1", b"\x7f\0\0\1")
    write("icmp-echo", "with-ipv4-header", ip_header + echo_reply)
    write("icmp-echo", "port-unreachable", struct.pack("!BBHI", 3, 3, 0, 0) + ip_header + b"\0" * 8)


if __name__ == "__main__":
    main()
