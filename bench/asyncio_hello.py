#!/usr/bin/env python3
"""The hello protocol served by Python's asyncio, written like the classic
asyncio streams example, as the peer of 13-async_server in bench/hello.sh.

  asyncio_hello.py [PORT]      (default 8080; 0: any free port)
"""
import asyncio
import sys

REPLY = b"Hello, client!\n"


async def handle(reader, writer):
    try:
        data = await reader.readuntil(b"\n")
    except asyncio.IncompleteReadError as e:
        data = e.partial
    except asyncio.LimitOverrunError:
        data = await reader.read(1024)
    print("Received: %s" % data[:1024].rstrip(b"\r\n").decode(errors="replace"))
    writer.write(REPLY)
    try:
        await writer.drain()
    except ConnectionError:
        pass
    writer.close()


async def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    print("Listening on 127.0.0.1:%d" % server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
