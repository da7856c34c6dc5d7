#!/usr/bin/env python3
"""Ranking quality: postsearch, tantivy and SQLite FTS5 on the classic relevance collections
(Cranfield, CISI, MEDLINE, ADI in ../shared/corpora/relevance), in one run.

    python3 bench/relevance.py [--corpora ../shared/corpora/relevance] [--binary PATH]

postsearch is queried through the same path users get (`/search` query strings, its default
settings: BM25, OR of the words, English stemming and stop words, title weight), with the raw
query text. The peers get the query's words ORed: tantivy 0.27 (PyPI `tantivy`, its English
stemming tokenizer, BM25) and FTS5 (Python's sqlite3, porter tokenizer, bm25()). Measures over the
top 100 results: MAP, nDCG@10 (graded for Cranfield), P@10. Prints a table and one JSON line.
"""
import argparse
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse

from common import REPO, build_release

DEPTH = 100


# ---------------------------------------------------------------- collections

def read_smart(path):
    """SMART records: {id: {field letter: text}} in file order."""
    records, current, field = {}, None, None
    with open(path, encoding="ascii", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            m = re.match(r"^\.([A-Z])(?:\s+(\d+))?\s*$", line)
            if m and (m.group(1) != "I" or m.group(2)):
                if m.group(1) == "I":
                    current = records.setdefault(m.group(2).lstrip("0") or "0", {})
                    field = None
                else:
                    field = m.group(1)
                    current.setdefault(field, "")
                continue
            if current is not None and field:
                current[field] += line + "\n"
    return records


def read_qrels(path, layout):
    """{query id: {doc id: grade}}; grade > 0 is relevant."""
    qrels = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            if layout == "trec":        # qid 0 docid rel
                qid, doc, grade = parts[0], parts[2], 1
            elif layout == "cranfield":  # qid docid rel (1 best .. 4, -1 none)
                qid, doc, rel = parts[0], parts[1], int(parts[2])
                grade = {1: 4, 2: 3, 3: 2, 4: 1}.get(rel, 0)
            else:                        # qid docid 0 0.0
                qid, doc, grade = parts[0], parts[1], 1
            if grade > 0:
                qrels.setdefault(qid.lstrip("0"), {})[doc.lstrip("0")] = grade
    return qrels


def collections(root):
    specs = [
        ("cranfield", "cran.all.1400", "cran.qry", "cranqrel", "cranfield", True),
        ("cisi", "CISI.ALL", "CISI.QRY", "CISI.REL", "pairs", False),
        ("medline", "MED.ALL", "MED.QRY", "MED.REL", "trec", False),
        ("adi", "ADI.ALL", "ADI.QRY", "ADI.REL", "pairs", False),
    ]
    for name, docs, queries, rels, layout, ordinal in specs:
        folder = os.path.join(root, name)
        if not os.path.isdir(folder):
            continue
        documents = read_smart(os.path.join(folder, docs))
        raw_queries = read_smart(os.path.join(folder, queries))
        # Cranfield's judgements number queries by position, not by their .I number.
        query_list = [(str(i + 1) if ordinal else qid, q.get("W", "").strip())
                      for i, (qid, q) in enumerate(raw_queries.items())]
        yield name, documents, query_list, read_qrels(os.path.join(folder, rels), layout)


# ---------------------------------------------------------------- engines

def words(text):
    return re.findall(r"[A-Za-z0-9]+", text.lower())


def ranked_lists(queries, search):
    """Each query's ranked doc ids from `search(words)`; a query without words finds nothing."""
    return [search(terms) if (terms := words(text)) else [] for _, text in queries]


def run_postsearch(binary, work, name, documents, queries, extra=None):
    posts = os.path.join(work, f"{name}.jsonl")
    with open(posts, "w") as f:
        for doc_id, d in documents.items():
            f.write(json.dumps({"id": doc_id, "title": d.get("T", "").strip(), "authors": [a for a in d.get("A", "").split("\n") if a.strip()],
                                "body": (d.get("W", "") + "\n" + d.get("B", "")).strip()}) + "\n")
    index = os.path.join(work, f"{name}-index")
    subprocess.run([binary, "index", posts, "--index", index], check=True, stdout=subprocess.DEVNULL)
    lines = os.path.join(work, f"{name}-queries.txt")
    with open(lines, "w") as f:
        for _, text in queries:
            text = " ".join(text.split())[:1000]
            f.write(urllib.parse.urlencode({"q": text, "limit": DEPTH, "suggest": "false", "autocorrect": "false", **(extra or {})},
                                           quote_via=urllib.parse.quote) + "\n")
    out = subprocess.run([binary, "replay", lines, "--index", index, "--print-hits"], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def run_tantivy(work, name, documents, queries):
    import tantivy
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", tokenizer_name="en_stem")
    builder.add_text_field("body", tokenizer_name="en_stem")
    schema = builder.build()
    path = os.path.join(work, f"{name}-tantivy")
    os.makedirs(path, exist_ok=True)
    index = tantivy.Index(schema, path=path)
    writer = index.writer()
    for doc_id, d in documents.items():
        writer.add_document(tantivy.Document(id=doc_id, title=d.get("T", ""), body=d.get("W", "") + "\n" + d.get("B", "")))
    writer.commit()
    index.reload()
    searcher = index.searcher()

    def search(terms):
        hits = searcher.search(index.parse_query(" ".join(terms), ["title", "body"]), DEPTH).hits
        return [searcher.doc(address)["id"][0] for _, address in hits]
    return ranked_lists(queries, search)


def run_fts5(work, name, documents, queries):
    db = sqlite3.connect(os.path.join(work, f"{name}.sqlite"))
    db.execute("DROP TABLE IF EXISTS docs")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='porter')")
    db.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                   [(doc_id, d.get("T", ""), d.get("W", "") + "\n" + d.get("B", "")) for doc_id, d in documents.items()])
    db.commit()

    def search(terms):
        match = " OR ".join(f'"{t}"' for t in terms)
        return [r[0] for r in db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, DEPTH))]
    runs = ranked_lists(queries, search)
    db.close()
    return runs


# ---------------------------------------------------------------- measures

def evaluate(runs, queries, qrels):
    ap_sum = ndcg_sum = p10_sum = 0.0
    judged = 0
    for (qid, _), ranked in zip(queries, runs):
        relevant = qrels.get(qid)
        if not relevant:
            continue
        judged += 1
        hits, precision_sum = 0, 0.0
        for rank, doc in enumerate(ranked[:DEPTH], 1):
            if doc in relevant:
                hits += 1
                precision_sum += hits / rank
        ap_sum += precision_sum / len(relevant)
        dcg = sum((2 ** relevant.get(doc, 0) - 1) / math.log2(rank + 1) for rank, doc in enumerate(ranked[:10], 1))
        ideal = sorted(relevant.values(), reverse=True)[:10]
        idcg = sum((2 ** g - 1) / math.log2(rank + 1) for rank, g in enumerate(ideal, 1))
        ndcg_sum += dcg / idcg if idcg else 0
        p10_sum += sum(1 for doc in ranked[:10] if doc in relevant) / 10
    return {"MAP": ap_sum / judged, "nDCG@10": ndcg_sum / judged, "P@10": p10_sum / judged, "queries": judged}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", default=os.path.join(REPO, "..", "shared", "corpora", "relevance"))
    ap.add_argument("--binary", help="a built postsearch (default: release build)")
    ap.add_argument("--proximity", action="store_true", help="also rank postsearch with proximity=true (posts where the words stand together first)")
    ap.add_argument("--autocorrect", action="store_true", help="also rank postsearch with autocorrect on (its default: words in no post corrected)")
    args = ap.parse_args()
    if not os.path.isdir(args.corpora):
        sys.exit(f"no relevance collections at {args.corpora}")
    try:
        import tantivy  # noqa: F401
    except ImportError:
        sys.exit("tantivy is not installed: pip install tantivy")
    binary = args.binary or build_release()
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for name, documents, queries, qrels in collections(args.corpora):
            results[name] = {
                "postsearch": evaluate(run_postsearch(binary, work, name, documents, queries), queries, qrels),
                **({"proximity": evaluate(run_postsearch(binary, work, name, documents, queries, {"proximity": "true"}), queries, qrels)}
                   if args.proximity else {}),
                **({"autocorrect": evaluate(run_postsearch(binary, work, name, documents, queries, {"autocorrect": "true"}), queries, qrels)}
                   if args.autocorrect else {}),
                "tantivy": evaluate(run_tantivy(work, name, documents, queries), queries, qrels),
                "fts5": evaluate(run_fts5(work, name, documents, queries), queries, qrels),
            }
            results[name]["documents"] = len(documents)
    print(f"\n{'collection':12}{'engine':12}{'MAP':>8}{'nDCG@10':>9}{'P@10':>8}")
    for name, engines in results.items():
        for engine in ("postsearch", "proximity", "autocorrect", "tantivy", "fts5"):
            if engine not in engines:
                continue
            m = engines[engine]
            print(f"{name:12}{engine:12}{m['MAP']:8.4f}{m['nDCG@10']:9.4f}{m['P@10']:8.4f}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
