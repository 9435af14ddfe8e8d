#!/usr/bin/env python3
"""Show requests recorded by servers/mock_server.py --log FILE.

  reqlog.py FILE            the last request, as it came on the wire
  reqlog.py FILE --all      every request, one blank-line-separated block each
  reqlog.py FILE --count    how many requests there are
  reqlog.py FILE --conns    how many connections they came on
  reqlog.py FILE --lines    one line per request: "<conn> <request line>"
  reqlog.py FILE --sorted   the last request with its headers sorted by
                            name (HTTP gives their order no meaning)
  reqlog.py FILE --sni      the host name the last request's client sent in
                            its TLS handshake (SNI), or "(none)"

A request is shown as its request line, its headers in the order and case
they were sent, an empty line, and its body (if any).
"""
import json
import sys


def show(r, sort=False):
    out = [r["request_line"]]
    headers = sorted(r["headers"], key=lambda h: h[0].lower()) if sort \
        else r["headers"]
    out += ["%s: %s" % (k, v) for k, v in headers]
    text = "\n".join(out) + "\n"
    if r["body"]:
        text += "\n" + r["body"] + "\n"
    return text


def main():
    path, mode = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "--last")
    try:
        with open(path, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        records = []
    if mode == "--count":
        print(len(records))
    elif mode == "--conns":
        print(len({r["conn"] for r in records}))
    elif mode == "--lines":
        for r in records:
            print(r["conn"], r["request_line"])
    elif mode == "--sni" and records:
        print(records[-1].get("tls_server_name") or "(none)")
    elif mode == "--sorted" and records:
        sys.stdout.write(show(records[-1], sort=True))
    elif mode == "--all":
        sys.stdout.write("\n".join(show(r) for r in records))
    elif records:
        sys.stdout.write(show(records[-1]))
    else:
        sys.exit("reqlog: no request recorded in %s" % path)


if __name__ == "__main__":
    main()
