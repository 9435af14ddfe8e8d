#!/usr/bin/env python3
"""A UDP echo server on Python's asyncio (a DatagramProtocol, as in the
asyncio documentation's UDP echo example), the peer of 105-udp_echo_server
in bench/udp_echo.sh. It logs each datagram as 105 does.

  asyncio_udp_echo.py [PORT]      (default 12000; 0: any free port)
"""
import asyncio
import sys


class Echo(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        print("Received %d bytes from %s:%d" % (len(data), addr[0], addr[1]),
              flush=True)
        self.transport.sendto(data, addr)


async def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 12000
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(
        Echo, local_addr=("127.0.0.1", port))
    print("Listening on 127.0.0.1:%d" % transport.get_extra_info("sockname")[1],
          flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        transport.close()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
