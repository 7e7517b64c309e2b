#!/usr/bin/env python3
"""A round-robin TCP balancer on loopback: the one issuer URL in front of both `authbridge serve` replicas.

    balancer.py PORT UPSTREAM_PORT...

Each accepted connection goes to the next upstream that accepts a connection (a replica that is down is
skipped, as a load balancer's health check would), and bytes are copied both ways until either side
closes. It reads nothing of what passes through, so it logs nothing of it.
"""
import asyncio
import itertools
import sys


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def main(port, upstreams):
    turn = itertools.cycle(upstreams)

    async def handle(client_reader, client_writer):
        for _ in range(len(upstreams)):
            upstream = next(turn)
            try:
                server_reader, server_writer = await asyncio.open_connection("127.0.0.1", upstream)
                break
            except OSError:
                continue
        else:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), [int(p) for p in sys.argv[2:]]))
