#!/usr/bin/env python3
"""The benchmark's Python peer: the standard library's static file server
(what `python3 -m http.server` runs), one thread per connection, speaking
HTTP/1.1 so that connections are kept alive, without its access log.

  python_http.py PORT DIR      (port 0: any free port)
"""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # it writes head and body apart

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 1024  # wrk opens its connections all at once


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    handler = functools.partial(Handler, directory=directory)
    with Server(("127.0.0.1", port), handler) as srv:
        print("Listening on 127.0.0.1:%d" % srv.server_address[1], flush=True)
        srv.serve_forever()


if __name__ == "__main__":
    main()
