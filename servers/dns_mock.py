#!/usr/bin/env python3
"""dns_mock.py - a DNS server for 108-dns_query's tests: fixed records under
example.test, answered over UDP and TCP on the same port, a fault for each
name under fault.test, and a log of every query it receives.

  dns_mock.py [--host ADDR] [--port PORT] [--log FILE]

It binds ADDR (default 127.0.0.1; ::1 for IPv6) and prints "Listening on
ADDR:PORT". Answers name their owner with a
compression pointer to the question, as real servers do. The log gets one
line per query: "udp" or "tcp", the ID, the flags in hex, the question
(name, type, class) and the raw bytes in hex.

The records (ZONE below): example.test has A, AAAA, MX, NS and TXT records;
www.example.test is a CNAME to example.test; bytes.example.test has a TXT
string of every kind of byte (quote, backslash, ~, DEL, ESC, 0xff); big.example.test has 40 A
records, too many for 512 bytes: over UDP the answer is cut and has TC set,
over TCP it is whole. nx.example.test is NXDOMAIN, servfail.example.test
SERVFAIL, refused.example.test REFUSED; any other name under example.test
has no record (NOERROR, an empty answer).

The faults, by name (any type):
  silent.fault.test     never answers
  wrong-id.fault.test   first an answer with another ID (and 192.0.2.66),
                        then the right one (192.0.2.9)
  other-port.fault.test the answer comes from another port, and only from
                        there
  no-qr.fault.test      the answer's QR bit is 0 (it looks like a query)
  other-q.fault.test    the answer is to another question (other.test)
  loop.fault.test       an answer's name is a pointer to itself
  past.fault.test       an answer's name points past the end
  forward.fault.test    an answer's name points forward, to later bytes
  label.fault.test      an answer's name has a label of 64 bytes
  long.fault.test       an answer's name is 256 bytes long, one past 255
  edge.fault.test       an answer's name is 255 bytes long: the most there is
  escaped.fault.test    a CNAME whose target's labels hold bytes a terminal
                        or a reader would misread: ESC, a dot, a NUL, a
                        backslash, a space, quotes, DEL, 0xFF
  counts.fault.test     ANCOUNT says 5; there is one record
  short.fault.test      the message ends in the middle of a record
  garbage.fault.test    the right ID, then 8 bytes: shorter than a header
  tc-only.fault.test    TC set over UDP, and the TCP answer is cut short
  tcp-silent.fault.test TC set over UDP; over TCP, a second of silence
SIGTERM or SIGINT stops it.
"""
import argparse
import errno
import select
import signal
import socket
import struct
import sys
import time

A, NS, CNAME, MX, TXT, AAAA = 1, 2, 5, 15, 16, 28
TYPES = {"A": A, "NS": NS, "CNAME": CNAME, "MX": MX, "TXT": TXT,
         "AAAA": AAAA}
NOERROR, SERVFAIL, NXDOMAIN, REFUSED = 0, 2, 3, 5


def name_bytes(name):
    out = b""
    for label in name.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def rdata(rtype, value):
    if rtype == A:
        return socket.inet_pton(socket.AF_INET, value)
    if rtype == AAAA:
        return socket.inet_pton(socket.AF_INET6, value)
    if rtype in (NS, CNAME):
        return name_bytes(value)
    if rtype == MX:
        return struct.pack("!H", value[0]) + name_bytes(value[1])
    if rtype == TXT:
        return b"".join(bytes([len(s)]) + s.encode("latin-1") for s in value)
    raise ValueError(rtype)


ZONE = {
    ("example.test", A): ["192.0.2.1", "192.0.2.2"],
    ("example.test", AAAA): ["2001:db8::1"],
    ("example.test", MX): [(10, "mail.example.test"), (20, "mx2.example.test")],
    ("example.test", NS): ["ns1.example.test", "ns2.example.test"],
    ("example.test", TXT): [["hello world", "v=spf1 -all"], ["second"]],
    # Every kind of byte a TXT string may hold: quote and backslash, the
    # last printable (~), DEL, ESC, a byte past ASCII.
    ("bytes.example.test", TXT): [['say "hi" \\ ~\x7f\x1b\xff']],
    ("big.example.test", A): ["198.51.100.%d" % i for i in range(1, 41)],
}
CNAMES = {"www.example.test": "example.test"}
RCODES = {"nx.example.test": NXDOMAIN, "servfail.example.test": SERVFAIL,
          "refused.example.test": REFUSED}


def parse_query(msg):
    """(id, flags, qname, qtype, qclass, end of question) of a query."""
    qid, flags = struct.unpack("!HH", msg[:4])
    pos, labels = 12, []
    while msg[pos]:
        labels.append(msg[pos + 1:pos + 1 + msg[pos]].decode("ascii", "replace"))
        pos += 1 + msg[pos]
    qtype, qclass = struct.unpack("!HH", msg[pos + 1:pos + 5])
    return qid, flags, ".".join(labels).lower(), qtype, qclass, pos + 5


def header(qid, flags, qd, an):
    return struct.pack("!HHHHHH", qid, flags, qd, an, 0, 0)


def record(owner, rtype, data, ttl=300):
    return owner + struct.pack("!HHIH", rtype, 1, ttl, len(data)) + data


def answer(msg, tcp):
    """The answer to the query MSG, or None for no answer."""
    qid, flags, qname, qtype, _, qend = parse_query(msg)
    question = msg[12:qend]
    rd = flags & 0x0100
    if qname.endswith("fault.test"):
        return fault(qname, qid, rd, question, tcp)
    rcode = RCODES.get(qname, NOERROR)
    records, owner, name = [], b"\xc0\x0c", qname
    if name in CNAMES and qtype != CNAME:
        target = CNAMES[name]
        records.append(record(owner, CNAME, name_bytes(target)))
        # The target's name is at 12 + its offset in the question: a
        # pointer into the question cannot be made, so it is written out.
        owner, name = name_bytes(target), target
    elif name in CNAMES:
        records.append(record(owner, CNAME, name_bytes(CNAMES[name])))
    for value in ZONE.get((name, qtype), []):
        records.append(record(owner, qtype, rdata(qtype, value)))
    tc = 0
    if not tcp:
        size = 12 + len(question)
        kept = []
        for r in records:
            if size + len(r) > 512:
                tc = 0x0200
                break
            kept.append(r)
            size += len(r)
        records = kept
    flags = 0x8000 | 0x0400 | tc | rd | 0x0080 | rcode
    return header(qid, flags, 1, len(records)) + question + b"".join(records)


def fault(qname, qid, rd, question, tcp):
    ok = 0x8000 | rd | 0x0080
    a = record(b"\xc0\x0c", A, bytes([192, 0, 2, 9]))
    end = 12 + len(question)
    kind = qname.split(".")[0]
    if kind == "silent":
        return None
    if kind == "no-qr":
        return header(qid, rd, 1, 1) + question + a
    if kind == "other-q":
        return header(qid, ok, 1, 1) + name_bytes("other.test") + \
            b"\0\1\0\1" + a
    if kind == "loop":
        return header(qid, ok, 1, 1) + question + \
            record(struct.pack("!H", 0xC000 | end), A, b"\xc0\0\2\x09")
    if kind == "past":
        return header(qid, ok, 1, 1) + question + \
            record(b"\xc0\xff", A, b"\xc0\0\2\x09")
    if kind == "forward":
        return header(qid, ok, 1, 1) + question + \
            record(struct.pack("!H", 0xC000 | (end + 2 + 10 + 4)), A,
                   b"\xc0\0\2\x09") + b"\3abc\0"
    if kind == "label":
        return header(qid, ok, 1, 1) + question + \
            record(b"\x40" + b"a" * 64 + b"\0", A, b"\xc0\0\2\x09")
    if kind in ("long", "edge"):
        # 3 labels of 63 bytes, then one of 62 (long) or 61 (edge), then
        # the root: 3 * 64 + 63 + 1 = 256 bytes, or 255.
        last = 62 if kind == "long" else 61
        name = b"".join(b"\x3f" + b"b" * 63 for _ in range(3)) + \
            bytes([last]) + b"c" * last + b"\0"
        return header(qid, ok, 1, 1) + question + \
            record(name, A, b"\xc0\0\2\x09")
    if kind == "escaped":
        labels = [b"a\x1bb", b"c.d", b"e\0f", b'g\\h "i"(j);@$\x7f\xff']
        target = b"".join(bytes([len(x)]) + x for x in labels) + b"\4test\0"
        return header(qid, ok, 1, 1) + question + \
            record(b"\xc0\x0c", CNAME, target)
    if kind == "counts":
        return header(qid, ok, 1, 5) + question + a
    if kind == "short":
        return (header(qid, ok, 1, 1) + question + a)[:-3]
    if kind == "garbage":
        return struct.pack("!H", qid) + b"garbage!"
    if kind in ("tc-only", "tcp-silent") and not tcp:
        return header(qid, ok | 0x0200, 1, 0) + question
    if kind == "tc-only":
        if tcp:
            return (header(qid, ok, 1, 1) + question + a)[:-2]
        return header(qid, ok | 0x0200, 1, 0) + question
    return header(qid, ok, 1, 1) + question + a


def log(path, proto, msg):
    if not path:
        return
    try:
        qid, flags, qname, qtype, qclass, _ = parse_query(msg)
        q = "%s %d %d" % (qname, qtype, qclass)
    except (IndexError, struct.error):
        qid, flags, q = 0, 0, "unreadable"
    with open(path, "a") as f:
        f.write("%s id=%d flags=%04x %s %s\n" % (proto, qid, flags, q,
                                                  msg.hex()))


def serve_tcp(conn, path):
    conn.settimeout(5)
    try:
        head = conn.recv(2)
        size = struct.unpack("!H", head)[0]
        msg = b""
        while len(msg) < size:
            chunk = conn.recv(size - len(msg))
            if not chunk:
                return
            msg += chunk
        log(path, "tcp", msg)
        if parse_query(msg)[2].startswith("tcp-silent."):
            time.sleep(1)
            return
        reply = answer(msg, True)
        if reply is not None:
            conn.sendall(struct.pack("!H", len(reply)) + reply)
    except (OSError, struct.error, IndexError):
        pass
    finally:
        conn.close()


def bind_both(family, host, port):
    """A UDP and a TCP socket bound to the same port on HOST (port 0: a
    free one). The port the kernel gives the UDP socket may be taken for
    TCP (by a connection of a test running beside): then try another."""
    for _ in range(100 if port == 0 else 1):
        udp = socket.socket(family, socket.SOCK_DGRAM)
        udp.bind((host, port))
        tcp = socket.socket(family, socket.SOCK_STREAM)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            tcp.bind((host, udp.getsockname()[1]))
        except OSError as e:
            udp.close()
            tcp.close()
            if e.errno != errno.EADDRINUSE or port != 0:
                raise
            continue
        tcp.listen(16)
        return udp, tcp
    raise OSError(errno.EADDRINUSE, "no port free for both UDP and TCP")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--log")
    a = p.parse_args()
    family = socket.AF_INET6 if ":" in a.host else socket.AF_INET
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    udp, tcp = bind_both(family, a.host, a.port)
    port = udp.getsockname()[1]
    other = socket.socket(family, socket.SOCK_DGRAM)
    other.bind((a.host, 0))
    print("Listening on %s:%d" % (a.host, port), flush=True)
    try:
        while True:
            ready, _, _ = select.select([udp, tcp], [], [])
            if tcp in ready:
                conn, _ = tcp.accept()
                serve_tcp(conn, a.log)
            if udp in ready:
                msg, peer = udp.recvfrom(65535)
                log(a.log, "udp", msg)
                try:
                    reply = answer(msg, False)
                except (IndexError, struct.error, ValueError):
                    continue
                if reply is None:
                    continue
                name = parse_query(msg)[2]
                if name.startswith("wrong-id."):
                    forged = reply[:-4] + bytes([192, 0, 2, 66])
                    udp.sendto(struct.pack("!H", (parse_query(msg)[0] + 1)
                                           & 0xFFFF) + forged[2:], peer)
                if name.startswith("other-port."):
                    other.sendto(reply, peer)
                else:
                    udp.sendto(reply, peer)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
