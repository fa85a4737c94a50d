"""Per-call overhead of the Python binding: a get-info call (`session.object(id)`) from Python,
next to the same core call from Rust (the `get_info_bench` example) on the same data.

    python bench/per_call.py [calls]        # builds and runs the Rust side with cargo

Prints both figures in ns/call and their ratio (target: Python within 2x of Rust).
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys
import tempfile
import time

import openrsm

ROOT = pathlib.Path(__file__).resolve().parent.parent


def python_ns_per_call(calls: int) -> float:
    with tempfile.TemporaryDirectory() as home, openrsm.Session(application="bench", home=home) as session:
        lto = session.add_media_type("LTO-6")
        session.create_media_pool("Bench", media_type=lto)
        media_id = session.create_media(lto, barcode="BENCH001").id
        get = session.object
        for _ in range(calls // 10):
            get(media_id)
        start = time.perf_counter_ns()
        for _ in range(calls):
            get(media_id)
        return (time.perf_counter_ns() - start) / calls


def rust_ns_per_call(calls: int) -> float:
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "openrsm-python", "--example", "get_info_bench", str(calls)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    match = re.search(r"([\d.]+) ns/call", out)
    if not match:
        raise RuntimeError(f"unexpected output from the Rust benchmark: {out!r}")
    return float(match.group(1))


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    rust = rust_ns_per_call(calls)
    python = python_ns_per_call(calls)
    print(f"rust   object(id): {rust:9.0f} ns/call")
    print(f"python object(id): {python:9.0f} ns/call")
    print(f"ratio python/rust: {python / rust:9.2f}x  (overhead {python - rust:.0f} ns/call; target < 2x)")


if __name__ == "__main__":
    main()
