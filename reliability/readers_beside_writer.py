#!/usr/bin/env python3
"""Readers beside a writer: `postsearch serve` under steady query load while an indexer writes.

    python3 reliability/readers_beside_writer.py [--binary PATH] [--quick] [--seed N]
                                                 [--clients C] [--rate R] [--keep]

Indexes an initial set of synthetic posts (full: 10,000, --quick: 2,000), starts `postsearch
serve` on it, and drives a paced query load (C keep-alive HTTP clients, R requests/s in all:
/search with words of the posts' vocabulary, sometimes facets or a sort, and /health). Meanwhile
the writer runs `postsearch index` on 5 files adding 50,000 posts (quick: 5,000), then
`postsearch delete` in 5 batches removing 5,000 (quick: 500).

Checks:
  - zero failed requests: every response 2xx with a JSON body, no socket error or timeout;
  - reads never go back in time: /health's revision never decreases, and one revision always
    reports the same post count; the browse total (empty q) never decreases while posts are added;
  - once the writer is done, /health's posts and /search's total reach the expected final count
    within 10 s, and then every searcher handle agrees (2 x searchers requests in a row);
  - the writer's commands all succeed; the server shuts down cleanly on SIGTERM (status 0).

Exit status 1 when a check failed. The last line printed is one JSON object with the figures.
"""
import collections
import http.client
import json
import os
import random
import threading
import time
import urllib.parse

import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def query_path(rng, vocab):
    """One request of the mix: mostly /search on vocabulary words (that always answer 200)."""
    word = lambda: vocab[int(len(vocab) ** rng.random()) - 1]  # log-uniform rank: frequent words more often
    r = rng.random()
    if r < 0.10:
        return "/health", "health"
    if r < 0.45:
        params = {"q": word()}
    elif r < 0.65:
        params = {"q": f"{word()} {word()}"}
    elif r < 0.72:
        params = {"q": f'"{word()} {word()}"'}
    elif r < 0.80:
        params = {"q": f"{word()} OR {word()}"}
    elif r < 0.88:
        params = {"q": word(), "facets": "category,author,year"}
    elif r < 0.95:
        params = {"q": word(), "sort": "newest", "offset": str(rng.randint(0, 50))}
    else:
        params = {"q": "", "limit": "5"}  # browse mode: every post, newest first
    return "/search?" + urllib.parse.urlencode(params), "search"


class Load:
    """C client threads, each with one keep-alive connection, paced to R/C requests per second."""

    def __init__(self, port, vocab, clients, rate, seed):
        self.port, self.vocab, self.clients, self.interval = port, vocab, clients, clients / rate
        self.seed = seed
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.status = collections.Counter()      # "200", "503", "error:TimeoutError", "badjson"...
        self.latency = collections.defaultdict(list)  # kind -> seconds
        self.examples = []                        # first failures, for the report
        self.threads = [threading.Thread(target=self.client, args=(i,), daemon=True) for i in range(clients)]

    def start(self):
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join()

    def record(self, key, kind, seconds, path, detail=""):
        with self.lock:
            self.status[key] += 1
            if seconds is not None:
                self.latency[kind].append((time.time(), seconds))
            if not key.startswith("2") and len(self.examples) < 10:
                self.examples.append(f"{key} {path} {detail}"[:300])

    def client(self, i):
        rng = random.Random(f"{self.seed}-client-{i}")
        conn, next_at = None, time.time() + rng.random() * self.interval
        while not self.stop.is_set():
            time.sleep(max(0.0, next_at - time.time()))
            next_at = max(next_at + self.interval, time.time())  # steady pace, no catch-up bursts
            path, kind = query_path(rng, self.vocab)
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                dt = time.perf_counter() - t
                key = str(resp.status)
                if resp.status // 100 == 2:
                    try:
                        doc = json.loads(body)
                        if kind == "search" and not isinstance(doc.get("total"), int):
                            key = "badjson"
                    except ValueError:
                        key = "badjson"
                self.record(key, kind, dt, path, body[:200].decode("utf-8", "replace"))
                if resp.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                self.record(f"error:{type(e).__name__}", kind, None, path, str(e))
                conn.close()
                conn = None
        if conn:
            conn.close()


class Monitor(threading.Thread):
    """Polls /health and the browse total every 0.1 s: (start, end, revision, posts, total)."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server, self.samples, self.stop, self.errors = server, [], threading.Event(), []

    def run(self):
        while not self.stop.is_set():
            t0 = time.time()
            try:
                s1, b1 = self.server.get("/health")
                s2, b2 = self.server.get("/search?q=&limit=0")
                h, s = json.loads(b1), json.loads(b2)
                self.samples.append((t0, time.time(), h.get("revision"), h.get("posts"), s.get("total")))
            except (OSError, ValueError, http.client.HTTPException) as e:
                self.errors.append(repr(e))
            time.sleep(0.1)


def main():
    p = common.parser(__doc__)
    p.add_argument("--clients", type=int, default=8, help="concurrent keep-alive clients (default 8)")
    p.add_argument("--rate", type=float, default=200.0, help="requests per second in all (default 200)")
    args = p.parse_args()
    binary = common.binary(args.binary)
    initial, added, deleted = (2000, 5000, 500) if args.quick else (10000, 50000, 5000)
    expected = initial + added - deleted
    checks = common.Checks()
    started = time.time()

    with common.TempDir(args.keep, "ps-readers-") as tmp:
        vocab = common.vocabulary(args.seed)
        index = os.path.join(tmp, "index")
        first = common.write_posts(os.path.join(tmp, "initial.jsonl"), initial, args.seed, vocab=vocab)
        # The additions in 5 files, indexed one after the other: 5 indexer processes, 25 commits.
        parts = [common.write_posts(os.path.join(tmp, f"add-{k}.jsonl"), added // 5, args.seed,
                                    start=initial + k * (added // 5), vocab=vocab) for k in range(5)]
        r = common.run([binary, "index", first, "--index", index])
        if r.returncode != 0:
            sys.exit(f"initial import failed: {r.stderr}")

        server = common.Server(binary, index, tmp)
        load = Load(server.port, vocab, args.clients, args.rate, args.seed)
        monitor = Monitor(server)
        load.start()
        monitor.start()
        time.sleep(3 if args.quick else 5)  # load alone first: the latency baseline

        # The writer: adds, then deletes, each command checked.
        t_add = time.time()
        for part in parts:
            r = common.run([binary, "index", part, "--index", index, "--json", "--batch-size", str(added // 25)])
            checks.check(r.returncode == 0, f"index {os.path.basename(part)} exited {r.returncode}: {r.stderr[:300]}")
        add_seconds = time.time() - t_add
        t_del = time.time()
        victims = [f"post-{i:06d}" for i in random.Random(args.seed).sample(range(initial + added), deleted)]
        for k in range(5):
            chunk = victims[k * deleted // 5:(k + 1) * deleted // 5]
            r = common.run([binary, "delete", *chunk, "--index", index])
            checks.check(r.returncode == 0, f"delete batch {k} exited {r.returncode}: {r.stderr[:300]}")
        delete_seconds = time.time() - t_del
        writer_done = time.time()

        # Convergence: /health and the browse total reach the expected count.
        converged_after = None
        while time.time() - writer_done < 10:
            try:
                h = json.loads(server.get("/health")[1])
                s = json.loads(server.get("/search?q=&limit=0")[1])
                if h.get("posts") == expected and s.get("total") == expected:
                    converged_after = time.time() - writer_done
                    break
            except (OSError, ValueError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        checks.check(converged_after is not None, f"counts did not reach {expected} within 10 s of the writer's end")
        # Every read handle must be at the final revision: ask more times than there are handles.
        totals = collections.Counter()
        for _ in range(8):
            totals[json.loads(server.get("/search?q=&limit=0")[1]).get("total")] += 1
            totals[json.loads(server.get("/health")[1]).get("posts")] += 1
        checks.check(set(totals) == {expected}, f"after convergence counts disagree: {dict(totals)}")
        # Deleted posts are gone, others are there.
        checks.check(server.get(f"/posts/{victims[0]}")[0] == 404, f"/posts/{victims[0]} (deleted) is not 404")
        kept = next(f"post-{i:06d}" for i in range(initial + added) if f"post-{i:06d}" not in set(victims))
        checks.check(server.get(f"/posts/{kept}")[0] == 200, f"/posts/{kept} is not 200")

        time.sleep(1)  # a little more load at the final state
        load.finish()
        monitor.stop.set()
        monitor.join()
        rss = server.rss_kib()
        alive = server.alive()
        exit_status = server.stop()

    # Failed requests: anything but 2xx.
    failed = {k: v for k, v in load.status.items() if not k.startswith("2")}
    checks.check(alive, "the server died during the run")
    checks.check(not failed, f"failed requests {failed}; e.g. {load.examples[:3]}")
    checks.check(not monitor.errors, f"monitor errors: {monitor.errors[:3]}")
    checks.check(exit_status == 0, f"server exit status on SIGTERM: {exit_status}")
    # Reads never go back in time.
    revs = [s[2] for s in monitor.samples]
    back = [(a, b) for a, b in zip(revs, revs[1:]) if b < a]
    checks.check(not back, f"/health revision went back: {back[:5]}")
    per_rev = collections.defaultdict(set)
    for s in monitor.samples:
        per_rev[s[2]].add(s[3])
    odd = {r: sorted(v) for r, v in per_rev.items() if len(v) > 1}
    checks.check(not odd, f"one revision, several post counts: {odd}")
    adding = [s[4] for s in monitor.samples if s[0] >= t_add and s[1] <= t_del]
    dips = [(a, b) for a, b in zip(adding, adding[1:]) if b < a]
    checks.check(not dips, f"browse total went down while only adding: {dips[:5]}")

    # Latency percentiles (ms) per endpoint, overall and by phase: before, during and after the writer.
    phases = {"all": (0, float("inf")), "before_writer": (0, t_add), "during_writer": (t_add, writer_done),
              "after_writer": (writer_done, float("inf"))}
    lat = {f"{kind}_{phase}": {p: round(v * 1000, 2) for p, v in common.percentiles(
               [s for t, s in vals if lo <= t < hi]).items()}
           for kind, vals in sorted(load.latency.items()) for phase, (lo, hi) in phases.items()}
    sent = sum(load.status.values())
    elapsed = time.time() - started
    figures = {"script": "readers_beside_writer", "quick": args.quick, "seed": args.seed,
               "initial_posts": initial, "added": added, "deleted": deleted, "expected_final": expected,
               "clients": args.clients, "target_rate": args.rate, "requests": sent,
               "by_status": dict(load.status), "latency_ms": lat,
               "add_seconds": round(add_seconds, 2), "delete_seconds": round(delete_seconds, 2),
               "converged_after_s": None if converged_after is None else round(converged_after, 3),
               "revisions_seen": len(set(revs)), "server_rss_kib_end": rss, "total_seconds": round(elapsed, 1)}
    checks.finish([f"{sent} requests: {dict(load.status)}",
                   *(f"latency ms {k}: {v}" for k, v in lat.items()),
                   f"writer: +{added} posts in {add_seconds:.1f}s, -{deleted} in {delete_seconds:.1f}s; "
                   f"counts converged {converged_after if converged_after is None else round(converged_after, 2)}s "
                   f"after; {len(set(revs))} revisions seen by /health; total {elapsed:.0f}s"], figures)


if __name__ == "__main__":
    main()
