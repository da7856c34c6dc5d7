#!/usr/bin/env python3
"""HTTP benchmark: wrk drives `postsearch serve`'s /search with the shared query mix, next to the
in-process rate of the same mix (`postsearch replay`), measured in the same run.

    python3 bench/http_bench.py [--posts 10000] [--per-type 50] [--duration 10] [--connections 8]

Needs wrk (Debian package) and ../shared/bench. Prints a table and one JSON line.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

from common import REPO, WORK, build_release, posts_file, queries_file, query_strings, run, shared_bench


def replay(binary, index, queries, threads, passes):
    out = subprocess.run([binary, "replay", queries, "--index", index, "--threads", str(threads), "--passes", str(passes)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def wrk(port, queries, duration, connections, threads):
    script = os.path.join(REPO, "bench", "wrk_mix.lua")
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
                          "-s", script, f"http://127.0.0.1:{port}", "--", queries],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--posts", type=int, default=10000)
    ap.add_argument("--per-type", type=int, default=50)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--port", type=int, default=18181)
    ap.add_argument("--shared", help="the shared benchmark folder (default ../shared/bench)")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    shared = shared_bench(args.shared)
    binary = build_release()
    posts = posts_file(shared, args.posts)
    index = os.path.join(WORK, f"index-{args.posts}")
    if not os.path.exists(index):
        run([binary, "index", posts, "--index", index])
    queries = os.path.join(WORK, f"query-strings-{args.per_type}.txt")
    with open(queries, "w") as f:
        f.write("\n".join(query_strings(queries_file(shared, args.per_type))) + "\n")

    server = subprocess.Popen([binary, "serve", "--index", index, "--port", str(args.port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{args.port}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        # Alternate in-process and HTTP so that machine noise hits both alike.
        one = replay(binary, index, queries, 1, 3)
        http = wrk(args.port, queries, args.duration, args.connections, 2)
        two = replay(binary, index, queries, 2, 3)
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(f"\n{args.posts} posts, {len(open(queries).read().split())} queries in the mix, {args.connections} connections")
    print(f"{'':24}{'req/s':>10}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}")
    for name, r, rate in [("in-process, 1 thread", one, one["qps"]), ("in-process, 2 threads", two, two["qps"]),
                          ("HTTP (wrk)", http, http["rps"])]:
        lat = r["latency_ms"]
        print(f"{name:24}{rate:>10.0f}{lat['p50']:>10.2f}{lat['p90']:>10.2f}{lat['p99']:>10.2f}")
    print(f"HTTP / in-process (2 threads): {http['rps'] / two['qps']:.2f}; non-2xx or socket errors: {http['errors']}")
    print(json.dumps({"posts": args.posts, "inprocess_1": one, "inprocess_2": two, "http": http,
                      "ratio_http_to_inprocess_2": round(http["rps"] / two["qps"], 3)}))


if __name__ == "__main__":
    main()
