"""Shared helpers of the benchmark scripts: paths, the release build, the shared workload."""
import json
import os
import socket
import subprocess
import sys
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(REPO, "bench", "work")


def shared_bench(path=None):
    """The workload folder (../shared/bench beside the repository, or --shared)."""
    folder = path or os.path.join(REPO, "..", "shared", "bench")
    if not os.path.exists(os.path.join(folder, "gen_posts.py")):
        sys.exit(f"benchmark workload not found at {folder}: pass --shared DIR")
    return os.path.abspath(folder)


def run(cmd, **kw):
    print("+ " + " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def build_release():
    # As `make release`: the same flags, so one build serves both (and a fresh process starts fast).
    run(["swift", "build", "-c", "release", "--product", "postsearch", "--static-swift-stdlib"], cwd=REPO)
    out = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPO,
                         check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "postsearch")


def posts_file(shared, n):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f"posts-{n}.jsonl")
    if not os.path.exists(path):
        run([sys.executable, os.path.join(shared, "gen_posts.py"), "--n", str(n), "--out", path])
    return path


def queries_file(shared, per_type):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f"queries-{per_type}.jsonl")
    if not os.path.exists(path):
        run([sys.executable, os.path.join(shared, "gen_queries.py"), "--per-type", str(per_type), "--out", path])
    return path


def query_strings(queries_path, explicit_and=False):
    """The shared query mix as /search query strings, in file order.

    An `and` query is its words separated by spaces, which postsearch's parser joins with its
    default operator (OR, ranked); explicit_and=True writes `a AND b` instead, the query the
    peers (xapian_ref, FTS5) run for that type."""
    lines = []
    with open(queries_path) as f:
        for line in f:
            q = json.loads(line)
            terms, kind = q["terms"], q["type"]
            params = {"limit": "10"}
            if kind == "and" and explicit_and:
                params["q"] = " AND ".join(terms)
            elif kind in ("term", "and", "filter", "facet"):
                params["q"] = " ".join(terms)
            elif kind == "or":
                params["q"] = " OR ".join(terms)
            elif kind == "phrase":
                params["q"] = '"' + " ".join(terms) + '"'
            if kind == "filter":
                params.update({"category": q["category"], "from": q["from"], "to": q["to"]})
            if kind == "facet":
                params.update({"facets": "category,author,year", "facet_limit": "10"})
            lines.append(urllib.parse.urlencode(params, quote_via=urllib.parse.quote))
    return lines


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def pct(xs, p):
    """The percentile as `postsearch replay` computes it: sorted[min(n-1, int(n*p))]."""
    s = sorted(xs)
    return s[min(len(s) - 1, int(len(s) * p))] if s else None


def dir_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except FileNotFoundError:
                pass
    return total


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def checked(cmd):
    log("+ " + " ".join(cmd))
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited with {p.returncode}:\n{(p.stderr or p.stdout)[-2000:]}")
    return p.stdout
