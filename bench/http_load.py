"""HTTP throughput of a mixed portal and bench workload, driven by wrk from a second process against
`omnicourt serve --workers N`, against the bare ping endpoint of the same server in the same run; and the
peak memory (VmHWM) of the workers under that load."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.figures import Figure
from bench.workload import filing_body
from omnicourt.demo.loader import DEMO_PASSWORD
from omnicourt.settings import Settings

P99_LIMIT_MS = 100
# Each request of the mix with its weight: what a party and a judge do most.
LUA = """
local requests = {}
local function add(weight, method, path, token, body)
  local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  for _ = 1, weight do table.insert(requests, wrk.format(method, path, headers, body)) end
end
local party, judge = "%(party)s", "%(judge)s"
local cases = {%(cases)s}
add(3, "GET", "/api/v1/cases", party)
add(2, "GET", "/api/v1/cases?mine_only=true&open_only=true", judge)
for i, id in ipairs(cases) do
  add(1, "GET", "/api/v1/cases/" .. id, judge)
  if i %% 2 == 0 then add(1, "GET", "/api/v1/cases/" .. id .. "/timeline", judge) end
end
add(2, "GET", "/api/v1/calculators/fee?amount=123456.78", party)
add(1, "POST", "/api/v1/filings", party, [[%(filing)s]])
local n = 0
request = function()
  n = n %% #requests + 1
  return requests[n]
end
done = function(summary, latency, _)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout
  io.write(string.format('{"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p99_ms": %%f, "errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
"""
PING_LUA = LUA.split("local requests")[0] + """
done = function(summary, latency, _)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %f, "p50_ms": %f, "p99_ms": %f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
"""


def run(database_url: str, *, workers: int = 2, seconds: int = 10, connections=(4, 8, 16, 32)) -> list[Figure]:
    """The best rate whose p99 stays under 100 ms, over a few connection counts, for the mix and for ping."""
    port = _free_port()
    # Throughput is measured: the request rate limits (which would answer 429 to one client's load) are lifted.
    unlimited = {kind: [10**9, 10**9] for kind in Settings().rate_limits}
    env = {**os.environ, "OMNICOURT_DATABASE_URL": database_url, "OMNICOURT_RATE_LIMITS": json.dumps(unlimited)}
    server = subprocess.Popen([sys.executable, "-m", "omnicourt.cli", "serve", "--port", str(port),
                               "--workers", str(workers)], env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base)
        with tempfile.TemporaryDirectory() as folder:
            mixed = Path(folder) / "mixed.lua"
            mixed.write_text(LUA % _mix_inputs(base))
            ping = Path(folder) / "ping.lua"
            ping.write_text(PING_LUA)
            ping_runs = [_wrk(f"{base}/api/v1/ping", ping, c, seconds) for c in connections]
            mixed_runs = [_wrk(base, mixed, c, seconds) for c in connections]
        memory_kib = max(_peak_memory_kib(pid) for pid in _children(server.pid))
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    ping_best, mixed_best = _best(ping_runs), _best(mixed_runs)
    return [
        Figure(name=f"HTTP mixed workload, {workers} workers", value=mixed_best["rate"],
               unit=f"requests/s at p99 < {P99_LIMIT_MS} ms", ceiling=ping_best["rate"],
               ceiling_name="GET /api/v1/ping, same server",
               details={"best": mixed_best, "runs": mixed_runs, "ping_runs": ping_runs}),
        Figure(name="peak memory of one worker under the HTTP load", value=memory_kib / 1024, unit="MiB (VmHWM)",
               ceiling=None, ceiling_name="", details={"workers": workers}),
    ]


def _best(runs: list[dict]) -> dict:
    """The highest rate among runs without errors and with p99 under the limit; else the lowest-p99 run."""
    good = [r for r in runs if r["p99_ms"] < P99_LIMIT_MS and not r["errors"]]
    if good:
        return max(good, key=lambda r: r["rate"])
    return {**min(runs, key=lambda r: r["p99_ms"]), "rate": 0.0, "note": f"no run kept p99 < {P99_LIMIT_MS} ms"}


def _wrk(url: str, script: Path, connections: int, seconds: int) -> dict:
    result = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s",
                             str(script), url], capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return {**figures, "connections": connections, "rate": round(figures["requests"] / figures["seconds"], 1)}


def _mix_inputs(base: str) -> dict:
    """Log in once as the demo party and the demo judge; take case ids from the judge's list."""
    with httpx.Client(base_url=base, timeout=30) as client:
        tokens = {}
        for username in ("demo-party", "demo-judge"):
            response = client.post("/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD})
            response.raise_for_status()
            tokens[username] = response.json()["token"]
        listed = client.get("/api/v1/cases", params={"limit": 20},
                            headers={"Authorization": f"Bearer {tokens['demo-judge']}"})
        listed.raise_for_status()
    case_ids = [str(c["id"]) for c in listed.json()] or ["1"]
    return {"party": tokens["demo-party"], "judge": tokens["demo-judge"], "cases": ", ".join(case_ids),
            "filing": json.dumps(filing_body("浙0106", 1), ensure_ascii=False)}


def _wait_ready(base: str) -> None:
    for _ in range(120):
        try:
            if httpx.get(f"{base}/api/v1/ping", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError("the server did not start")


def _children(pid: int) -> list[int]:
    """The uvicorn worker processes: every descendant of the server (the supervisor spawns them)."""
    found, pending = [], [pid]
    while pending:
        parent = pending.pop()
        for line in Path(f"/proc/{parent}/task/{parent}/children").read_text().split():
            found.append(int(line))
            pending.append(int(line))
    return found or [pid]


def _peak_memory_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
