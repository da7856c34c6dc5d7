#!/usr/bin/env python3
"""Recall of a plain search per language, for comparing two builds of postsearch.

    python3 bench/language_recall.py --binary .build/release/postsearch [--binary OLD_BUILD ...]

Indexes ruby-lang's news (English, German, Spanish, Russian, Japanese, labelled by folder), two
Chinese archives (sofastack's Markdown blog, everet's WordPress export) and the French fixture
(Tests/Fixtures/french-posts.jsonl) with each binary, samples 50 words per language as they appear
in posts (lower-cased, letters only, 4+ letters) and, for Japanese and Chinese, 50 two- and
three-character substrings, and prints the share of the posts holding each that a plain
`postsearch search WORD` finds (no --language), averaged per language. The same samples are used
for every binary (seeded). Standard library only; the tokenisation here is a simple one
(letters), the same for every binary; the Swift test LanguageTests asserts the same measure with
the indexer's own tokenizer.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(REPO, "..", "shared", "corpora")
ARCHIVES = ["markdown/ruby-lang-news.tar.gz", "markdown/sofastack-blog-zh.tar.gz", "wxr/everet-zh/wordpress.xml"]
FRENCH = os.path.join(REPO, "Tests", "Fixtures", "french-posts.jsonl")
LANGUAGES = ["en", "de", "es", "ru", "fr", "ja", "zh"]
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")
WORD = re.compile(r"[^\W\d_]{4,}")


def fold(text):
    """Accents off Latin letters, as postsearch folds them; lower case."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).lower()


def label(post):
    ruby = re.search(r"www\.ruby-lang\.org/([a-z]+)/", post["id"])
    if ruby:
        return ruby.group(1)
    if post["id"].startswith("fr/"):
        return "fr"
    return "zh"


def index_and_export(binary, work):
    index = os.path.join(work, "index")
    paths = [os.path.join(CORPORA, a) for a in ARCHIVES] + [FRENCH]
    subprocess.run([binary, "index", *paths, "--index", index], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([binary, "export", "--index", index], check=True, capture_output=True, text=True).stdout
    return index, [json.loads(line) for line in out.splitlines()]


def samples(posts, seed=14):
    rng = random.Random(seed)
    chosen = {}
    for language in LANGUAGES:
        pool = [p for p in posts if label(p) == language]
        found = set()
        for _ in range(5000):
            if len(found) >= 50:
                break
            post = rng.choice(pool)
            text = post["title"] + "\n" + post["body"]
            if language in ("ja", "zh"):
                runs = [r for r in CJK.findall(text) if len(r) >= 3]
                if runs:
                    run = rng.choice(runs)
                    n = rng.choice([2, 3])
                    start = rng.randrange(0, len(run) - n + 1)
                    found.add(run[start:start + n])
            else:
                words = WORD.findall(fold(text))
                if words:
                    found.add(rng.choice(words))
        chosen[language] = sorted(found)
    return chosen


def hits(binary, index, query):
    found, offset = set(), 0
    while True:
        out = subprocess.run([binary, "search", "--index", index, "--json", "--limit", "100", "--offset", str(offset), "--", query],
                             capture_output=True, text=True)
        if out.returncode != 0:
            return found
        response = json.loads(out.stdout)
        found.update(h["id"] for h in response["hits"])
        offset += 100
        if offset >= response["total"] or not response["hits"] or offset > 100_000:
            return found


def recall(binary, chosen, posts, index):
    words = {p["id"]: set(WORD.findall(fold(p["title"] + "\n" + p["body"]))) for p in posts}
    texts = {p["id"]: fold(p["title"] + "\n" + p["body"]) for p in posts}
    table = {}
    for language, items in chosen.items():
        values = []
        for item in items:
            cjk = language in ("ja", "zh")
            holders = {i for i in texts if (item in texts[i] if cjk else item in words[i])}
            if holders:
                # Old builds may autocorrect nothing; new ones must not correct a word some post holds.
                values.append(len(holders & hits(binary, index, item)) / len(holders))
        table[language] = (sum(values) / len(values), len(values)) if values else (0.0, 0)
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", action="append", required=True, help="a postsearch build (repeat to compare)")
    args = ap.parse_args()
    if not os.path.isdir(CORPORA):
        sys.exit(f"no corpora at {CORPORA}")
    results, chosen = {}, None
    for binary in args.binary:
        with tempfile.TemporaryDirectory() as work:
            index, posts = index_and_export(binary, work)
            chosen = chosen or samples(posts)
            results[binary] = recall(binary, chosen, posts, index)
    for number, binary in enumerate(args.binary, 1):
        print(f"[{number}] {binary}")
    print(f"\n{'language':10}" + "".join(f"{'[' + str(n) + ']':>22}" for n in range(1, len(args.binary) + 1)))
    for language in LANGUAGES:
        print(f"{language:10}" + "".join(f"{results[b][language][0]:>16.3f} ({results[b][language][1]:2d})" for b in args.binary))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
