"""Sections of bench/bench.py for performance and scale (issue #18): what a small update costs a
compacted index, whether revisions only go forward, search-as-you-type prefixes, and four
remote shards served by xapian-tcpsrv against one local index. Each returns a dict that
bench.py prints and puts in its JSON line."""
import json
import os
import random
import shutil
import subprocess
import time
import urllib.parse

from common import checked, dir_size, free_port, log


def revision(binary, index):
    return json.loads(checked([binary, "stats", "--index", index, "--json"]))["revision"]


# ---------------------------------------------------------------------------------------------------
# a small update after the import, and revisions

def section_update(ctx):
    """On a copy of postsearch's index (compacted by the import): the size after deleting one
    post, then after adding 100 posts, each as a ratio to the size after the import; and the
    revision after each step, which must never go back (a compaction included)."""
    binary, index = ctx["binary"], ctx["dirs"]["postsearch"]
    copy = os.path.join(ctx["folder"], "index-update-copy")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(index, copy)
    with open(ctx["posts_path"]) as f:
        first = [json.loads(next(f)) for _ in range(100)]
    sizes, revisions = {"imported": dir_size(copy)}, {"imported": revision(binary, copy)}
    checked([binary, "delete", first[0]["id"], "--index", copy])
    sizes["deleted 1"], revisions["deleted 1"] = dir_size(copy), revision(binary, copy)
    extra = os.path.join(ctx["folder"], "update-100.jsonl")
    with open(extra, "w") as f:
        for post in first:
            f.write(json.dumps(dict(post, id=post["id"] + "-again")) + "\n")
    checked([binary, "index", extra, "--index", copy, "--json"])
    sizes["added 100"], revisions["added 100"] = dir_size(copy), revision(binary, copy)
    checked([binary, "compact", "--index", copy, "--json"])
    sizes["compacted"], revisions["compacted"] = dir_size(copy), revision(binary, copy)
    shutil.rmtree(copy, ignore_errors=True)
    steps = list(revisions.values())
    return {"bytes": sizes, "revisions": revisions,
            "growth_delete": round(sizes["deleted 1"] / sizes["imported"], 3),
            "growth_add_100": round(sizes["added 100"] / sizes["imported"], 3),
            "revisions_forward": all(b > a for a, b in zip(steps, steps[1:]))}


def print_update(res):
    print("\n1b. A small update after the import (a copy of postsearch's index): size and revision")
    for step, size in res["bytes"].items():
        print(f"  {step:12}{size / 1e6:>10.1f} MB  revision {res['revisions'][step]}")
    print(f"  growth: one delete {res['growth_delete']:.3f}x, 100 posts added {res['growth_add_100']:.3f}x "
          f"(target <= 1.33x); revisions only go forward: {'yes' if res['revisions_forward'] else 'NO'}")


# ---------------------------------------------------------------------------------------------------
# search as you type

def prefix_queries(ctx, seed=18):
    """2- to 6-letter beginnings of the term queries' words, as /search query strings with
    prefix=true (postsearch only: the peers have no such query)."""
    rng = random.Random(seed)
    lines = []
    for q in ctx["qs"]:
        word = q["terms"][0] if q["type"] == "term" else ""
        if len(word) >= 2:
            typed = word[:rng.randint(2, min(6, len(word)))]
            lines.append(urllib.parse.urlencode({"q": typed, "prefix": "true", "limit": "10"}))
    path = os.path.join(ctx["folder"], "q-prefix.txt")
    with open(path, "w") as f:
        f.writelines(line + "\n" for line in lines)
    return path, len(lines)


def section_prefix(ctx, replay):
    path, n = prefix_queries(ctx)
    runs = [replay(ctx["binary"], ctx["dirs"]["postsearch"], path, ctx["args"].passes)
            for _ in range(ctx["args"].query_rounds)]
    lat = {k: sorted(r["latency_ms"][k] for r in runs)[len(runs) // 2] for k in ("p50", "p95", "p99", "max")}
    return {"queries": n, "latency_ms": lat, "qps": sorted(r["qps"] for r in runs)[len(runs) // 2]}


def print_prefix(ctx, res):
    lat = res["latency_ms"]
    print(f"\n2c. Search as you type ({ctx['label_long']}): {res['queries']} prefixes of 2-6 letters of the term "
          f"queries' words, prefix=true, postsearch replay: p50 {lat['p50']:.3f} / p95 {lat['p95']:.3f} / "
          f"p99 {lat['p99']:.3f} ms, {res['qps']:.0f} q/s (target p99 <= 50 ms)")


# ---------------------------------------------------------------------------------------------------
# four remote shards against one local index

def shard_indexes(ctx, count=4):
    """The same posts split over `count` indexes (every count-th post), each built by
    `postsearch index`; reused when present."""
    folder = os.path.join(ctx["folder"], f"shards-{count}")
    paths = [os.path.join(folder, f"shard-{k}") for k in range(count)]
    if all(os.path.exists(p) for p in paths):
        return paths
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    parts = [open(os.path.join(folder, f"posts-{k}.jsonl"), "w") for k in range(count)]
    with open(ctx["posts_path"]) as f:
        for i, line in enumerate(f):
            parts[i % count].write(line)
    for part in parts:
        part.close()
    for k, path in enumerate(paths):
        checked([ctx["binary"], "index", part_path(folder, k), "--index", path, "--json"])
        os.remove(part_path(folder, k))
    return paths


def part_path(folder, k):
    return os.path.join(folder, f"posts-{k}.jsonl")


def section_shards(ctx, replay):
    """The query mix (and each type) over four shards served by xapian-tcpsrv on loopback,
    alternated with the one local index of the same posts; ratios of p50 and p99, and whether
    both return the same hits (per query, as sets: ties may come in another order)."""
    if not shutil.which("xapian-tcpsrv"):
        return {"skipped": "xapian-tcpsrv is not installed"}
    a, local = ctx["args"], ctx["dirs"]["postsearch"]
    servers, lines = [], []
    for path in shard_indexes(ctx):
        port = free_port()
        servers.append(subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), path],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        lines.append(f"remote 127.0.0.1:{port}")
    stub = os.path.join(ctx["folder"], "remote-4.stub")
    with open(stub, "w") as f:
        f.write("\n".join(lines) + "\n")
    time.sleep(1)
    files = {"mix": ctx["mix"], **{t: v["txt"] for t, v in ctx["qfiles"].items()}}
    systems = {"local": local, "remote": stub}
    try:
        same = same_hits(ctx["binary"], local, stub, ctx["mix"])
        runs = {name: {kind: [] for kind in systems} for name in files}
        for r in range(a.query_rounds):
            for name, path in files.items():
                for kind in (list(systems) if r % 2 == 0 else list(reversed(systems))):
                    runs[name][kind].append(replay(ctx["binary"], systems[kind], path, a.passes)["latency_ms"])
    finally:
        for server in servers:
            server.kill()
            server.wait()
    res = {"same_hits": same, "types": {}}
    for name, kinds in runs.items():
        med = {kind: {k: sorted(x[k] for x in xs)[len(xs) // 2] for k in ("p50", "p99")} for kind, xs in kinds.items()}
        res["types"][name] = {**med, "ratio_p50": round(med["remote"]["p50"] / med["local"]["p50"], 3),
                              "ratio_p99": round(med["remote"]["p99"] / med["local"]["p99"], 3)}
    return res


def same_hits(binary, local, stub, mix):
    hits = {}
    for kind, index in (("local", local), ("remote", stub)):
        out = checked([binary, "replay", mix, "--index", index, "--print-hits"])
        hits[kind] = [frozenset(json.loads(line)) for line in out.splitlines() if line.strip()]
    agree = sum(a == b for a, b in zip(hits["local"], hits["remote"]))
    return {"queries": len(hits["local"]), "same": agree}


def print_shards(ctx, res):
    print(f"\n5. Four shards served by xapian-tcpsrv on loopback against one local index ({ctx['label_long']}), "
          f"postsearch replay, alternated; ms")
    if "skipped" in res:
        print(f"  skipped: {res['skipped']}")
        return
    print(f"{'queries':8}{'local p50':>11}{'remote p50':>12}{'x':>7}{'local p99':>11}{'remote p99':>12}{'x':>7}")
    for name, r in res["types"].items():
        print(f"{name:8}{r['local']['p50']:>11.3f}{r['remote']['p50']:>12.3f}{r['ratio_p50']:>7.2f}"
              f"{r['local']['p99']:>11.3f}{r['remote']['p99']:>12.3f}{r['ratio_p99']:>7.2f}")
    s = res["same_hits"]
    print(f"  same hits (as sets, top 10): {s['same']} of {s['queries']} queries; target: remote within 1.5x local, "
          f"p50 and p99, on the mix")
