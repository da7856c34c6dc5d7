"""Shared helpers of the reliability scripts: the binary, synthetic posts, a live server, checks.

Standard library only, so that every script runs on a bare python3 (hostile_http.py also
uses schemathesis, installed with pip).
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BINARY = os.path.join(REPO, ".build", "debug", "postsearch")


def parser(doc):
    """The options every script has: --binary, --quick, --seed, --keep."""
    p = argparse.ArgumentParser(description=doc.strip().splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=doc)
    p.add_argument("--binary", default=DEFAULT_BINARY,
                   help="postsearch binary (default: .build/debug/postsearch in the repository)")
    p.add_argument("--quick", action="store_true", help="the short version CI runs")
    p.add_argument("--seed", type=int, default=1, help="random seed (posts, kill times, queries)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder for inspection")
    return p


def binary(path):
    path = os.path.abspath(path)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        sys.exit(f"postsearch binary not found at {path}: build it (swift build) or pass --binary PATH")
    return path


class Checks:
    """Collects failed checks, so that one run reports all of them; exit status 1 if any."""

    def __init__(self):
        self.failures = []

    def check(self, ok, what):
        if not ok:
            self.failures.append(what)
            print(f"FAIL: {what}", flush=True)
        return ok

    def finish(self, summary_lines, figures):
        print()
        for line in summary_lines:
            print(line)
        figures["failures"] = self.failures
        figures["ok"] = not self.failures
        print("FAILED checks:" if self.failures else "all checks passed")
        for f in self.failures:
            print("  - " + f)
        print(json.dumps(figures, sort_keys=False))
        sys.exit(1 if self.failures else 0)


class TempDir:
    """A temporary folder removed at exit (unless --keep)."""

    def __init__(self, keep, prefix):
        self.path = tempfile.mkdtemp(prefix=prefix)
        self.keep = keep

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        if self.keep:
            print(f"kept {self.path}", file=sys.stderr)
        else:
            shutil.rmtree(self.path, ignore_errors=True)


# --- synthetic posts -----------------------------------------------------------------------------

def vocabulary(seed, size=3000):
    """Invented words made of syllables: pronounceable, unique, never English stop words."""
    rng = random.Random(f"vocab-{seed}")
    onsets = "b c d f g h j k l m n p r s t v w z br dr gr kl pl st tr".split()
    vowels = "a e i o u ai ou".split()
    codas = ["", "", "n", "r", "s", "l", "m", "k"]
    words, seen = [], set()
    while len(words) < size:
        w = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                    for _ in range(rng.choice((2, 2, 3))))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def write_posts(path, n, seed, start=0, vocab=None):
    """n posts with ids post-<start>..post-<start+n-1> as JSON Lines; same seed, same bytes.

    Word frequencies are Zipf-Mandelbrot over the vocabulary (weight 1/(rank+10)), so some words
    are in most posts and most words in few, as in real text.
    """
    vocab = vocab or vocabulary(seed)
    cum, total = [], 0.0
    for rank in range(len(vocab)):
        total += 1.0 / (rank + 10)
        cum.append(total)
    names = vocabulary(seed + 1, 400)
    authors = [f"{names[2 * i].title()} {names[2 * i + 1].title()}" for i in range(150)]
    categories = [w.title() for w in vocabulary(seed + 2, 30)]
    with open(path, "w") as f:
        for i in range(start, start + n):
            rng = random.Random(f"{seed}-{i}")  # per post, so post i is the same in any file
            words = rng.choices(vocab, cum_weights=cum, k=rng.randint(150, 300))
            body = ". ".join(" ".join(words[j:j + 12]).capitalize() for j in range(0, len(words), 12)) + "."
            post = {
                "id": f"post-{i:06d}",
                "title": " ".join(rng.choices(vocab, cum_weights=cum, k=rng.randint(4, 9))).capitalize(),
                "date": f"{rng.randint(2005, 2026):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "author": rng.choice(authors),
                "categories": rng.sample(categories, rng.randint(1, 3)),
                "body": body,
            }
            f.write(json.dumps(post) + "\n")
    return path


# --- running postsearch --------------------------------------------------------------------------

def run(cmd, timeout=None, check=False):
    """Run a command, capturing its output; return the CompletedProcess."""
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=check)


def stats(binary_path, index):
    """postsearch stats --json, or None with the error text when it fails."""
    r = run([binary_path, "stats", "--index", index, "--json"], timeout=120)
    if r.returncode != 0:
        return None, (r.stderr or r.stdout).strip()
    return json.loads(r.stdout), None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """postsearch serve on a free loopback port; stdout (one log line per request) to a file."""

    def __init__(self, binary_path, index, folder, extra=()):
        self.port = free_port()
        self.log = open(os.path.join(folder, "serve.log"), "w")
        self.proc = subprocess.Popen([binary_path, "serve", "--index", index, "--port", str(self.port), *extra],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"postsearch serve exited with status {self.proc.returncode}: see {self.log.name}")
            try:
                if self.get("/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        sys.exit("postsearch serve did not answer /health within 60 s")

    def get(self, path, timeout=30):
        """(status, body bytes) of one GET on a new connection."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            c.request("GET", path)
            r = c.getresponse()
            return r.status, r.read()
        finally:
            c.close()

    def alive(self):
        return self.proc.poll() is None

    def rss_kib(self):
        """Resident set size from /proc (kB), or None when the process is gone."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return None

    def stop(self):
        """SIGTERM, as an operator would; returns the exit status (None if it had to be killed)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self.log.close()
                return None
        self.log.close()
        return self.proc.returncode


def percentiles(values, ps=(50, 90, 99, 100)):
    """Nearest-rank percentiles of a list of numbers, as {"p50": v, ...}."""
    if not values:
        return {f"p{p}": None for p in ps}
    s = sorted(values)
    return {f"p{p}": s[min(len(s) - 1, max(0, int(round(p / 100 * len(s))) - 1))] for p in ps}
