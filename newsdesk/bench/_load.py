"""Load generators for ``newsdesk bench site``: wrk when installed, else Python threads.

``measure(base, paths, concurrency, seconds)`` requests ``paths`` round robin (each
client starts at its own offset) from ``concurrency`` clients for ``seconds`` and returns
``{"requests", "rps", "p50_ms", "p95_ms", "p99_ms", "errors", "tool"}``. ``errors``
counts failed connections and answers other than 2xx/3xx. wrk (C, event loop) is
preferred: a Python client on the same 2 cores takes CPU from the server it measures,
so its figures for fast pages (the static file, cached pages) are lower bounds.
"""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

WRK_SCRIPT = r"""
local paths, i = {}, 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nRESULT {"requests": %d, "duration_us": %d, "errors": %d, "p50": %d, "p95": %d, "p99": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def get(base: str, path: str, timeout: float = 30) -> int:
    """One GET (the bench's warm-up and readiness probe): the status; OSError if down."""
    where = urlsplit(base)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "python"


def measure(base: str, paths: list[str], concurrency: int, seconds: float) -> dict:
    if tool() == "wrk":
        return _wrk(base, paths, concurrency, seconds)
    return _threads(base, paths, concurrency, seconds)


def _wrk(base: str, paths: list[str], concurrency: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        script, listing = Path(folder, "rotate.lua"), Path(folder, "paths.txt")
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        threads = min(concurrency, 2)
        command = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{max(1, round(seconds))}s"]
        command += ["--timeout", "10s", "-s", str(script), base, str(listing)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result: {done.stdout[-500:]} {done.stderr[-500:]}")
    raw = json.loads(line[len("RESULT ") :])
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50"] / 1000,
        "p95_ms": raw["p95"] / 1000,
        "p99_ms": raw["p99"] / 1000,
        "errors": raw["errors"],
        "tool": "wrk",
    }


def _threads(base: str, paths: list[str], concurrency: int, seconds: float) -> dict:
    where = urlsplit(base)
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    deadline = time.perf_counter() + seconds

    def client(k: int) -> None:
        i = k * len(paths) // concurrency
        while time.perf_counter() < deadline:
            i = (i + 1) % len(paths)
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
                conn.request("GET", paths[i])
                response = conn.getresponse()
                response.read()
                conn.close()
                ok = response.status < 400
            except OSError:
                ok = False
            latencies[k].append(time.perf_counter() - start)
            errors[k] += not ok

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    every = sorted(x for each in latencies for x in each)
    return {
        "requests": len(every),
        "rps": len(every) / elapsed,
        "p50_ms": _percentile(every, 50) * 1000,
        "p95_ms": _percentile(every, 95) * 1000,
        "p99_ms": _percentile(every, 99) * 1000,
        "errors": sum(errors),
        "tool": "python",
    }


def _percentile(ordered: list[float], pct: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]
