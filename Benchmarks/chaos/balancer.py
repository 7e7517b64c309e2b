#!/usr/bin/env python3
"""A round-robin TCP balancer on loopback: the one issuer URL in front of both `authbridge serve` replicas.

    balancer.py PORT UPSTREAM_PORT...

Each accepted connection goes to the next upstream that accepts a connection (a replica that is down is
skipped, as a load balancer's health check would), and bytes are copied both ways until either side
closes. Ports listed in the file BALANCER_DOWN_FILE names (one a line, read for each connection) get no
new connection: the driver drains a replica that way before it stops it, as a load balancer deregisters
an instance. It reads nothing of what passes through, so it logs nothing of it.
"""
import asyncio
import itertools
import os
import sys


def drained():
    try:
        with open(os.environ.get("BALANCER_DOWN_FILE", ""), encoding="ascii") as f:
            return {int(line) for line in f if line.strip()}
    except (OSError, ValueError):
        return set()


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
        down = drained()
        for _ in range(len(upstreams)):
            upstream = next(turn)
            if upstream in down:
                continue
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
