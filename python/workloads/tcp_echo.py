"""Waiting on the network: `units` requests to the harness's echo server on 127.0.0.1:<echo_port>.

A request is the line "<iterations> unit-<u>\\n"; the server waits `iterations` ms and echoes it. Thread and process
models: each worker opens one connection and sends its chunk's requests one after another, each waiting for its
reply. asyncio: one connection per unit, all at once (one worker). checksum = the number of correct echoes.
"""

import asyncio
import socket

from .common import WorkloadFailed

NAME = "tcp_echo"
FAMILIES = ("sequential", "threads", "processes", "asyncio")
WORKERS = {"asyncio": 1}
HOST = "127.0.0.1"
TIMEOUT_S = 30.0


def port(text):
    value = int(text)
    if not 0 < value < 65536:
        raise ValueError("not a TCP port: %d" % value)
    return value


PARAMETERS = {"echo_port": (port, "TCP port of the echo server on 127.0.0.1")}


def request(unit, iterations):
    return ("%d unit-%d\n" % (iterations, unit)).encode("ascii")


def _failed(what, port, error):
    return WorkloadFailed("tcp_echo: %s the echo server at %s:%d: %s" % (what, HOST, port, error or "timed out"))


def chunk(first, stop, iterations, params):
    echo_port = params["echo_port"]
    try:
        connection = socket.create_connection((HOST, echo_port), timeout=TIMEOUT_S)
    except OSError as error:
        raise _failed("cannot connect to", echo_port, error) from None
    correct = 0
    with connection, connection.makefile("rb") as replies:
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for unit in range(first, stop):
            line = request(unit, iterations)
            try:
                connection.sendall(line)
                echo = replies.readline()
            except OSError as error:  # socket.timeout included
                raise _failed("no echo (within %g s) from" % TIMEOUT_S, echo_port, error) from None
            if not echo:
                raise _failed("connection closed by", echo_port, "EOF instead of an echo")
            correct += echo == line
    return correct


async def chunk_async(first, stop, iterations, params):
    echoes = await asyncio.gather(*(_echo(params["echo_port"], unit, iterations) for unit in range(first, stop)))
    return sum(echoes)


async def _echo(echo_port, unit, iterations):
    """1 if one request on a connection of its own comes back unchanged, else 0."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, echo_port), TIMEOUT_S)
    except (OSError, asyncio.TimeoutError) as error:
        raise _failed("cannot connect to", echo_port, error) from None
    try:
        line = request(unit, iterations)
        writer.write(line)
        await asyncio.wait_for(writer.drain(), TIMEOUT_S)
        echo = await asyncio.wait_for(reader.readline(), TIMEOUT_S)
    except (OSError, asyncio.TimeoutError) as error:
        raise _failed("no echo (within %g s) from" % TIMEOUT_S, echo_port, error) from None
    finally:
        writer.close()
    if not echo:
        raise _failed("connection closed by", echo_port, "EOF instead of an echo")
    return int(echo == line)
