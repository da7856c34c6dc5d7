#!/usr/bin/env python3
"""Indexes each real archive in ../shared/corpora (WXR exports, Markdown tarballs) with the
release build and prints, per set: posts indexed, seconds, posts/s, what was skipped and why,
failures, and whether a second run left every post unchanged.

    python3 bench/corpora.py [--corpora ../shared/corpora] [--binary PATH]
"""
import argparse
import collections
import json
import os
import subprocess
import tempfile

from common import REPO, build_release

SETS = ["wxr/wordpress-theme-test-data", "wxr/a11y-theme-unit-test", "wxr/cc-labs-blog", "wxr/parchlinux-blog",
        "wxr/wordpress-importer-fixtures", "markdown/go-blog.tar.gz", "markdown/rust-blog.tar.gz",
        "markdown/ruby-lang-news.tar.gz", "markdown/jekyll-posts.tar.gz", "markdown/nodejs-blog.tar.gz",
        "markdown/kubernetes-contributor-blog.tar.gz"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", default=os.path.join(REPO, "..", "shared", "corpora"))
    ap.add_argument("--binary")
    args = ap.parse_args()
    binary = args.binary or build_release()
    rows = []
    for name in SETS:
        path = os.path.join(args.corpora, name)
        if not os.path.exists(path):
            continue
        with tempfile.TemporaryDirectory() as work:
            index = os.path.join(work, "index")
            runs = []
            for _ in range(2):
                out = subprocess.run([binary, "index", path, "--index", index, "--json"], capture_output=True, text=True).stdout
                runs.append(json.loads(out))
        first, second = runs
        skipped = collections.Counter(s["reason"] for s in first["skipped"])
        rows.append({"set": name, "posts": first["added"], "seconds": first["seconds"],
                     "skipped": dict(skipped), "failed": first["failed"],
                     "failures": [f"{os.path.basename(f['file'])}:{f['line']}: {f['reason']}" for f in first["failures"]],
                     "warnings": len(first["warnings"]), "second_run_unchanged": second["unchanged"] == first["added"] and second["added"] == 0})
    print(f"{'set':48}{'posts':>7}{'seconds':>9}{'posts/s':>9}{'failed':>8}  skipped (not posts)")
    for r in rows:
        rate = r["posts"] / r["seconds"] if r["seconds"] else 0
        print(f"{r['set']:48}{r['posts']:>7}{r['seconds']:>9.2f}{rate:>9.0f}{r['failed']:>8}  {r['skipped'] or ''}")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
