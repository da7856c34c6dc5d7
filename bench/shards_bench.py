#!/usr/bin/env python3
"""Query latency over 1, 2 and 4 shards, local and remote (xapian-tcpsrv on loopback), for the
same posts and the shared query mix, measured in one run with `postsearch replay`.

    python3 bench/shards_bench.py [--posts 10000] [--per-type 50]
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import time

from common import WORK, build_release, posts_file, queries_file, query_strings, run, shared_bench


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def replay(binary, index, queries, passes=2):
    out = subprocess.run([binary, "replay", queries, "--index", index, "--passes", str(passes)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--posts", type=int, default=10000)
    ap.add_argument("--per-type", type=int, default=50)
    ap.add_argument("--shared")
    args = ap.parse_args()
    if not shutil.which("xapian-tcpsrv"):
        raise SystemExit("xapian-tcpsrv is not installed: apt-get install xapian-tools")
    shared = shared_bench(args.shared)
    binary = build_release()
    posts = posts_file(shared, args.posts)
    queries = os.path.join(WORK, f"query-strings-{args.per_type}.txt")
    with open(queries, "w") as f:
        f.write("\n".join(query_strings(queries_file(shared, args.per_type))) + "\n")

    configs, servers = {}, []
    for shards in (1, 2, 4):
        index = os.path.join(WORK, f"index-{args.posts}-shards-{shards}")
        if not os.path.exists(index):
            run([binary, "index", posts, "--index", index] + (["--shards", str(shards)] if shards > 1 else []))
        configs[f"{shards} local"] = index
        if shards > 1:
            lines = []
            for k in range(shards):
                port = free_port()
                servers.append(subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port),
                                                 os.path.join(index, f"shard-{k}")],
                                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
                lines.append(f"remote 127.0.0.1:{port}")
            stub = os.path.join(WORK, f"remote-{shards}.stub")
            with open(stub, "w") as f:
                f.write("\n".join(lines) + "\n")
            configs[f"{shards} remote"] = stub
    time.sleep(1)
    try:
        results = {name: [] for name in configs}
        for _ in range(2):  # alternate configurations so noise hits all alike
            for name, index in configs.items():
                results[name].append(replay(binary, index, queries))
    finally:
        for server in servers:
            server.kill()
    print(f"\n{args.posts} posts, {len(open(queries).read().split())} queries x 2 passes x 2 rounds, one thread")
    print(f"{'shards':12}{'q/s':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}")
    summary = {}
    for name, runs in results.items():
        best = max(runs, key=lambda r: r["qps"])
        lat = best["latency_ms"]
        summary[name] = best
        print(f"{name:12}{best['qps']:>8.0f}{lat['p50']:>9.2f}{lat['p90']:>9.2f}{lat['p99']:>9.2f}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
