#!/usr/bin/env python3
"""Killed indexer: SIGKILL `postsearch index` at random moments; the index must stay as of a commit.

    python3 reliability/kill_indexer.py [--binary PATH] [--quick] [--seed N] [--kills K]
                                        [--posts N] [--batch-size B] [--keep]

Generates N synthetic posts (full: 50,000, --quick: 5,000) as JSON Lines, then loops: run
`postsearch index posts.jsonl --index IDX --batch-size B` (full: 2000, quick: 500), SIGKILL it
at a seeded random moment in [0.2 s, expected remaining run time], and check that
  - `xapian-check IDX` exits 0 and `postsearch stats --json` opens it;
  - the post count is one the indexer committed: it commits every B *new* posts and at the end,
    so count >= previous count and (count - previous) % B == 0, or count == N;
  - the next run (the same command, from the partial index) is not refused (stale lock) and
    reports the posts already in as unchanged.
A run that finishes before its kill ends a round: the index is removed and the next round starts
from nothing (so kills also hit a fresh index). After K kills (full: 20, quick: 5) the import runs
to completion: the index must hold exactly N posts, each id term (prefix Q) once, and one more
run must report every post unchanged.

Each kill is classified as "in commit" when the indexer was committing at that moment: it wrote
>= 1 MB in the last 50 ms (its wchar in /proc/PID/io; between commits glass writes ~100 KB per
50 ms) or a thread was in fsync/fdatasync.

Exit status 1 when a check failed. The last line printed is one JSON object with the figures.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

# Linux syscall numbers of fsync and fdatasync (x86_64, aarch64): the end of a Xapian commit.
SYNC_SYSCALLS = {"74", "75", "82", "83"}
# Between commits glass writes ~2 MB/s (termlist, position and docdata blocks as they leave
# its cache); a commit writes its postlist changes at 30-300 MB/s, then fdatasyncs.
COMMIT_BYTES, COMMIT_WINDOW = 1 << 20, 0.05


def io_state(pid):
    """(bytes written so far, some thread is in fsync/fdatasync) of a running process."""
    wchar, syncing = None, False
    try:
        with open(f"/proc/{pid}/io") as f:
            for line in f:
                if line.startswith("wchar:"):
                    wchar = int(line.split()[1])
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/syscall") as f:
                if f.read().split(" ", 1)[0] in SYNC_SYSCALLS:
                    syncing = True
    except OSError:
        pass
    return wchar, syncing


def count_posts(binary, index):
    """Posts in the index per `stats --json`; 0 when no database was created yet."""
    if not os.path.exists(os.path.join(index, "iamglass")):
        return 0, None
    st, err = common.stats(binary, index)
    return (st["posts"], st) if st else (None, err)


def index_cmd(binary, posts, index, batch):
    return [binary, "index", posts, "--index", index, "--batch-size", str(batch), "--json"]


def timed_index(binary, posts, index, batch):
    t = time.time()
    r = common.run(index_cmd(binary, posts, index, batch))
    if r.returncode != 0:
        sys.exit(f"calibration run failed ({r.returncode}): {r.stderr}")
    return time.time() - t


def main():
    p = common.parser(__doc__)
    p.add_argument("--kills", type=int, help="kills to survive (full: 20, quick: 5)")
    p.add_argument("--posts", type=int, help="posts to import (full: 50000, quick: 5000)")
    p.add_argument("--batch-size", type=int, help="--batch-size of the indexer (full: 2000, quick: 500)")
    args = p.parse_args()
    binary = common.binary(args.binary)
    n = args.posts or (5000 if args.quick else 50000)
    batch = args.batch_size or (500 if args.quick else 2000)
    kills_wanted = args.kills or (5 if args.quick else 20)
    rng = random.Random(args.seed)
    checks = common.Checks()
    started = time.time()

    with common.TempDir(args.keep, "ps-kill-") as tmp:
        posts = common.write_posts(os.path.join(tmp, "posts.jsonl"), n, args.seed)
        index = os.path.join(tmp, "index")

        # Calibrate the kill window: seconds per new post and per unchanged post, from the first
        # 2 batches of the same posts (file startup included in the new-post rate).
        sample = os.path.join(tmp, "sample.jsonl")
        with open(posts) as src, open(sample, "w") as dst:
            for _, line in zip(range(min(n, 2 * batch)), src):
                dst.write(line)
        cal = os.path.join(tmp, "calibration")
        t_new = timed_index(binary, sample, cal, batch)
        t_unchanged = timed_index(binary, sample, cal, batch)
        shutil.rmtree(cal)
        per_new, per_unchanged = t_new / min(n, 2 * batch), t_unchanged / min(n, 2 * batch)
        print(f"calibration: {per_new * 1000:.2f} ms per new post, {per_unchanged * 1000:.3f} ms per unchanged post")

        kills, survived, rounds, commits, in_commit, runs, completed_runs = 0, 0, 1, 0, 0, 0, 0
        kill_log = []
        prev = 0
        scale = 1.0  # corrects the calibration from the runs that finish before their kill
        while kills < kills_wanted:
            estimate = (n - prev) * per_new + prev * per_unchanged
            remaining = estimate * scale + 0.2
            delay = rng.uniform(0.2, max(0.2, remaining))
            proc = subprocess.Popen(index_cmd(binary, posts, index, batch),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            runs += 1
            failures_before = len(checks.failures)
            t0 = time.time()
            samples = []  # (time, bytes written): was the indexer committing when killed?
            while time.time() - t0 < delay and proc.poll() is None:
                samples.append((time.time(), io_state(proc.pid)))
                time.sleep(min(0.01, max(0.0, delay - (time.time() - t0))))
            if proc.poll() is None:
                now, (wchar, syncing) = time.time(), io_state(proc.pid)
                proc.kill()  # SIGKILL the indexer itself, as the OOM killer would
                recent = [w for t, (w, _) in samples if now - t <= COMMIT_WINDOW and w is not None]
                writing = syncing or bool(recent and wchar is not None and wchar - min(recent) >= COMMIT_BYTES)
                out, err = proc.communicate()
                kills += 1
                in_commit += writing
                killed = True
            else:
                out, err = proc.communicate()
                killed = False
                completed_runs += 1
                scale = min(2.0, max(0.5, (time.time() - t0) / estimate))
                checks.check(proc.returncode == 0, f"run {runs}: indexer exited {proc.returncode}: {err.strip()[:300]}")

            if not killed:
                # The run finished: it must have reported the posts already in as unchanged.
                try:
                    rep = json.loads(out)
                    checks.check(rep["unchanged"] == prev and rep["added"] == n - prev and rep["total_posts"] == n,
                                 f"run {runs} (completed) after {prev} committed posts reported {out.strip()[:300]}")
                except (ValueError, KeyError):
                    checks.check(False, f"run {runs}: unreadable summary: {out[:300]!r} {err[:300]!r}")
            if "another indexer" in (err or ""):
                checks.check(False, f"run {runs}: refused by a stale lock after a kill: {err.strip()}")

            # The index must be a sound Xapian database at a committed count.
            if os.path.exists(index):
                xc = common.run(["xapian-check", index], timeout=600)
                checks.check(xc.returncode == 0, f"after run {runs}: xapian-check exited {xc.returncode}: "
                             f"{(xc.stdout + xc.stderr).strip()[-500:]}")
            count, st = count_posts(binary, index)
            if not checks.check(count is not None, f"after run {runs}: stats failed: {st}"):
                break
            ok = count >= prev and ((count - prev) % batch == 0 or count == n)
            checks.check(ok, f"after run {runs} (killed={killed} at {delay:.2f}s): count {count}, "
                         f"previous {prev}, batch {batch}: not a committed state")
            commits += max(0, count - prev) // batch + (1 if count == n and (count - prev) % batch else 0)
            kill_log.append({"run": runs, "killed": killed, "at_s": round(delay, 3), "count": count,
                             "in_commit": killed and bool(writing)})
            print(f"run {runs:3d} round {rounds} {'killed at' if killed else 'finished, kill due at'} "
                  f"{delay:6.2f}s{' (in commit)' if killed and writing else ''}: {prev} -> {count} posts", flush=True)
            prev = count
            if killed and len(checks.failures) == failures_before:
                survived += 1
            if count == n and kills < kills_wanted:
                # Complete: start a new round from nothing, so kills keep landing mid-import.
                shutil.rmtree(index, ignore_errors=True)
                prev, rounds = 0, rounds + 1

        # Run the import to completion from whatever the last kill left.
        t = time.time()
        r = common.run(index_cmd(binary, posts, index, batch))
        final_seconds = time.time() - t
        checks.check(r.returncode == 0, f"final import exited {r.returncode}: {r.stderr.strip()[:300]}")
        count, st = count_posts(binary, index)
        checks.check(count == n, f"final count {count}, expected {n}")
        # Each id exactly once: N distinct Q terms, each with term frequency 1.
        dl = common.run(["xapian-delve", "-A", "Q", "-v", "-1", index], timeout=600)
        qterms = {}
        for line in dl.stdout.splitlines():
            parts = line.split()
            if parts and parts[0].startswith("Q"):
                qterms[parts[0]] = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        expected = {f"Qpost-{i:06d}" for i in range(n)}
        checks.check(set(qterms) == expected, f"id terms: {len(qterms)} found, {len(expected - set(qterms))} missing, "
                     f"{len(set(qterms) - expected)} unexpected")
        dup = [t for t, f in qterms.items() if f != 1]
        checks.check(not dup, f"{len(dup)} ids not held by exactly one post, e.g. {dup[:5]}")
        xc = common.run(["xapian-check", index], timeout=600)
        checks.check(xc.returncode == 0, f"final xapian-check exited {xc.returncode}")
        r = common.run(index_cmd(binary, posts, index, batch))
        rep = json.loads(r.stdout) if r.returncode == 0 else {}
        checks.check(rep.get("unchanged") == n and rep.get("added") == 0 and rep.get("updated") == 0,
                     f"rerun after completion: {r.stdout.strip()[:300]} {r.stderr.strip()[:300]}")

    elapsed = time.time() - started
    figures = {"script": "kill_indexer", "quick": args.quick, "posts": n, "batch_size": batch, "seed": args.seed,
               "kills_survived": survived,
               "kills": kills, "kills_in_commit": in_commit, "runs": runs, "completed_runs": completed_runs,
               "rounds": rounds, "commits_observed": commits,
               "ms_per_new_post": round(per_new * 1000, 3), "ms_per_unchanged_post": round(per_unchanged * 1000, 4),
               "kill_at_s": {k: round(v, 2) for k, v in common.percentiles(
                   [e["at_s"] for e in kill_log if e["killed"]], (0, 50, 100)).items()},
               "final_import_seconds": round(final_seconds, 2), "total_seconds": round(elapsed, 1)}
    checks.finish([f"{survived} of {kills} kills survived ({in_commit} during a commit) over {runs} runs and {rounds} rounds; "
                   f"{commits} commits observed; final import {final_seconds:.1f}s; total {elapsed:.0f}s"], figures)


if __name__ == "__main__":
    main()
