"""A small HTTP/1.1 load generator for bench/api_throughput.py: asyncio, one keep-alive
connection per client, each client sending its next request as soon as the last is answered.
One process does a few tens of microseconds of work per request, far less than the server
(the bench shows it by driving /healthz first)."""

import asyncio
import itertools
import time
from dataclasses import dataclass, field


@dataclass
class Result:
    seconds: float
    timings_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    cpu_ms: dict[str, float] = field(default_factory=dict)  # per request, filled by the bench

    @property
    def rate(self) -> float:
        return len(self.timings_ms) / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.timings_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def meets(self, rate: float, p95_ms: float) -> bool:
        return self.rate >= rate and self.percentile(95) <= p95_ms and not self.errors

    def row(self, what: str) -> str:
        figures = " | ".join(f"{self.percentile(p):.1f}" for p in (50, 95, 99))
        return (
            f"| {what} | {len(self.timings_ms):,} | {self.rate:,.0f} | {figures} | {self.errors} |"
        )


async def _answer(reader) -> tuple[int, bool]:
    """Read one response; (status, whether the server keeps the connection)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _sep, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers.get("connection", "").lower() != "close"


async def _client(address, head: str, paths, stop_at: float, result: Result) -> None:
    reader = writer = None
    while time.perf_counter() < stop_at:
        path = next(paths)
        if writer is None:
            reader, writer = await asyncio.open_connection(*address)
        started = time.perf_counter()
        try:
            writer.write(f"GET {path} HTTP/1.1\r\n{head}\r\n".encode())
            status, keep = await _answer(reader)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            result.errors += 1
            writer.close()
            writer = None
            continue
        result.timings_ms.append((time.perf_counter() - started) * 1000)
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if status != 200:
            result.errors += 1
        if not keep:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def drive(address, headers: dict, paths: list[str], seconds: float, clients: int) -> Result:
    """`clients` concurrent clients cycling through `paths` for `seconds`."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    shared = itertools.cycle(paths)  # one sequence: each path is asked in order, by any client
    started = time.perf_counter()
    stop_at = started + seconds
    result = Result(seconds)
    await asyncio.gather(*(_client(address, head, shared, stop_at, result) for _ in range(clients)))
    result.seconds = time.perf_counter() - started
    return result
