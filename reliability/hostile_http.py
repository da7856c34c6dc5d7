#!/usr/bin/env python3
"""Hostile HTTP: `postsearch serve` against a fuzzer, malformed requests and slow clients.

    pip install schemathesis        # phase (a); without it the script stops with that advice
    python3 reliability/hostile_http.py [--binary PATH] [--quick] [--seed N] [--max-examples N]
                                        [--slow-clients N] [--slow-seconds S] [--keep]

On a small index of synthetic posts (full: 3,000, --quick: 1,000), one `postsearch serve`:
  (a) schemathesis against /openapi.json, all checks, a bounded number of examples per operation
      (full: 200, quick: 25). Failures of the server-side checks (5xx, status, content type,
      headers, JSON and response-schema conformance: codes ST1xx) and errors (e.g. a dropped
      connection) fail the run; request-side opinions (ST2xx: a schema-valid value rejected, an
      undeclared method not answered 405) are reported as warnings.
  (b) explicit cases over raw sockets: q of 1,000 / 1,001 / 100,000 characters, malformed queries,
      wildcards expanding to thousands of terms, limit/offset at and past their bounds, repeated
      parameters, bad percent-encoding, long URLs and headers, unknown paths and methods, odd
      post ids, pipelining. Each has the statuses the README documents for it.
  (c) slow clients: N connections (full: 200, quick: 100) that send nothing, trickle a request a
      byte a second, or send a request and never read the answer, for S seconds (full: 75,
      quick: 15) while a normal client queries every 0.25 s: those queries must be answered
      with a p90 latency within --prompt seconds; silent connections must be closed after the idle timeout.
  (d) the same idle connections against a second server limited to 128 file descriptors: a
      normal client must still get in (the servers run with --idle-timeout 3).
Throughout: no 5xx (README documents 503 only for an index that cannot be opened or a shard that
is down, which no case here causes), the server alive at the end, its RSS (VmRSS) at most
--max-rss-mib, every request within --max-request-seconds. Every status is counted, client side
and from the server's own log (one line per request).

Exit status 1 when a check failed. The last line printed is one JSON object with the figures.
"""
import collections
import glob
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

OK, BAD, WILD = {200}, {400}, {200, 400}  # WILD: parsed, or refused with a message (README)


def parse_responses(buf, head=False):
    """The complete responses at the start of `buf`, as (status, body); bodies by Content-Length."""
    found, pos = [], 0
    while True:
        end = buf.find(b"\r\n\r\n", pos)
        m = re.match(rb"HTTP/1\.[01] (\d{3})", buf[pos:end]) if end >= 0 else None
        if not m:
            return found
        length = re.search(rb"\r\ncontent-length: *(\d+)", buf[pos:end], re.I)
        size = 0 if head or not length else int(length.group(1))
        if len(buf) < end + 4 + size:
            return found
        found.append((int(m.group(1)), buf[end + 4:end + 4 + size]))
        pos = end + 4 + size


def raw_request(port, data, expect=1, timeout=30.0, head=False, linger=0.0):
    """Send bytes (from a thread, so a server that stops reading cannot block us) and read until
    `expect` complete responses, EOF or `timeout`; then wait up to `linger` s for the server to close.
    Returns (statuses, first body, seconds until the responses were complete, error, closed)."""
    t = time.perf_counter()
    buf, error, closed, seconds = b"", None, False, None
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    except OSError as e:
        return [], b"", time.perf_counter() - t, type(e).__name__, False
    threading.Thread(target=lambda: _send(s, data), daemon=True).start()
    try:
        while True:
            responses = parse_responses(buf, head)
            if len(responses) >= expect and seconds is None:
                seconds = time.perf_counter() - t
                s.settimeout(linger)
                if not linger:
                    break
            chunk = s.recv(65536)
            if not chunk:
                closed = True
                break
            buf += chunk
    except socket.timeout:
        if seconds is None:
            error = "timeout"
    except OSError as e:
        error = type(e).__name__
    finally:
        s.close()
    responses = parse_responses(buf, head)
    return ([r[0] for r in responses], responses[0][1][:300] if responses else buf[:300],
            seconds if seconds is not None else time.perf_counter() - t, error, closed)


def _send(s, data):
    try:
        s.sendall(data)
    except OSError:
        pass  # the server answered and stopped reading, or closed: what it sent is what counts


def request_bytes(method, target, headers=(), body=b"", version="HTTP/1.1", close=True):
    """A request with Host and `Connection: close`, so the reader can wait for the server's EOF."""
    lines = [f"{method} ".encode() + (target if isinstance(target, bytes) else target.encode()) + f" {version}".encode(),
             b"Host: 127.0.0.1"]
    if close:
        lines.append(b"Connection: close")
    lines += [h if isinstance(h, bytes) else h.encode() for h in headers]
    if body:
        lines.append(f"Content-Length: {len(body)}".encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def explicit_cases(vocab):
    """(name, request bytes, statuses the README documents for it)."""
    q = lambda s: "/search?q=" + s  # noqa: E731  (already percent-encoded where needed)
    words = lambda n: "+".join(vocab[:n])  # noqa: E731
    thousand = ("+".join(vocab))[:1000].rstrip("+")  # 1,000 characters of real words
    cases = [
        ("q 1000 chars", q("a" * 1000), OK), ("q 1001 chars", q("a" * 1001), BAD),
        ("q 1000 chars of real words (~100 terms)", q(thousand), OK),
        ("q 1000 combining marks (1 character, ~6 KB)", q("a" + "%CC%81" * 999), {200, 400}),
        ("q 100000 chars", q("a" * 100000), {400, 414}),  # past NIO's 80 KB header limit: its bare 400
        ("q 9000 chars", q("a" * 9000), {414}),
    ]
    for s in ['%22', '%22unbalanced', '(', ')', '((((((((((', 'a)', '(a', '%5B', '%5D', '%7B%7D', 'AND', 'OR', 'NOT',
              'XOR', 'a+AND', 'AND+a', 'a+AND+(', 'NEAR', 'NEAR%2Fx', 'a+NEAR%2Fx+b', 'a+NEAR%2F99999999999+b',
              'a+NEAR%2F0+b', 'ADJ%2F-1', '%22', '*', '-', '+', '%2B', '-*', '--', '%2B%2B%2B', '~', '^', ':', '::::',
              'author:', 'author%3A', 'title:', 'category:', 'category:%22%22', 'tag:', 'lang:', 'lang:%FF%FE',
              'date:', 'date:garbage', 'date:2021-13-45', 'date:..', 'date:...', 'date:9999999999',
              'date:-1..-2', 'date:2021-02-30', 'year:', 'year:abc', 'year:99999999999999999999',
              'date:2021..2020', 'nosuchfield:x', '%01%02%03', '%09%0A%0D', '%00', 'a%00b', '%C3%28', '%FF',
              '%ED%A0%80', '%F4%90%80%80', '%C0%AF', '%EF%BB%BF', '%E2%80%AE', '%F0%9F%98%80' * 50,
              '%22' + 'a+' * 200 + '%22', '(' * 300 + 'a' + ')' * 300, 'a+OR+' * 150 + 'a', 'NOT+' * 200 + 'a',
              '+-' * 300, '%5C', '%5C%22', 'title:(a+OR+b)', '%22a+NEAR+b%22']:
        cases.append((f"malformed q {s[:40]}", q(s), WILD))
    # Wildcards: one prefix refused past 1,000 words; many prefixes OR'ed each under it add up.
    cases += [("wildcard zq* (3,000 words: refused)", q("zq*"), BAD), ("wildcard zq00* (100 words)", q("zq00*"), OK),
              ("wildcard zq0*+zq1*+zq2* (3 x 1,000 words)", q("zq0*+zq1*+zq2*"), OK),
              ("wildcard zq0*+NEAR+zq1*", q("zq0*+NEAR+zq1*"), WILD), ("wildcard %22zq0*+zq1*%22", q("%22zq0*+zq1*%22"), WILD)]
    for s in ['a*', '*', 's*', 'b*', 'br*', 'st*', '*a', 'a*b', '**', 'title:b*', 'author:*', '%22b*+s*%22',
              'b*+NEAR+s*', '+'.join(f"{p}*" for p in "br dr gr kl pl st tr ba be bi bo bu da de di do du".split()),
              '+OR+'.join(w[:3] + "*" for w in vocab[:60]), '+AND+'.join(w[:2] + "*" for w in vocab[:40])]:
        cases.append((f"wildcard {s[:40]}", q(s), WILD))
    for name, value, ok in [("limit", "0", OK), ("limit", "100", OK), ("limit", "101", BAD), ("limit", "-1", BAD),
                            ("limit", str(2 ** 63), BAD), ("limit", str(2 ** 63 - 1), BAD), ("limit", "abc", BAD),
                            ("limit", "", OK), ("limit", "1e2", BAD), ("limit", "0x10", BAD), ("limit", "+5", {200, 400}),
                            ("offset", "0", OK), ("offset", "100000", OK), ("offset", "100001", BAD),
                            ("offset", "-1", BAD), ("offset", str(2 ** 63), BAD), ("offset", "abc", BAD),
                            ("offset", "", OK), ("facet_limit", "0", OK), ("facet_limit", "-1", BAD),
                            ("facet_limit", str(2 ** 63 - 1), {200, 400}), ("facet_limit", str(2 ** 64), BAD)]:
        cases.append((f"{name}={value[:20]}", f"/search?q={vocab[0]}&facets=category,author,year&{name}={value}", ok))
    cases += [
        ("limit=100&offset=100000", "/search?q=&limit=100&offset=100000", OK),
        ("q=a&q=b", "/search?q=a&q=b", BAD), ("limit=1&limit=2", "/search?q=a&limit=1&limit=2", BAD),
        ("sort twice", "/search?sort=newest&sort=oldest", BAD), ("category twice", "/search?category=x&category=y", OK),
        ("sort=bogus", "/search?sort=bogus", BAD), ("suggest=maybe", "/search?q=a&suggest=maybe", BAD),
        ("facets=nope", "/search?facets=nope", BAD), ("facets=,,,", "/search?facets=" + "," * 1000, {200, 400}),
        ("facets repeated", "/search?facets=" + ",".join(["category"] * 500), {200, 400}),
        ("from=2021-02-31", "/search?from=2021-02-31", BAD), ("from=99999", "/search?from=99999", BAD),
        ("from>to", "/search?from=2021&to=2020", {200, 400}), ("to=-1", "/search?to=-1", BAD),
        ("from empty", "/search?from=", {200, 400}), ("language=xx", "/search?q=a&language=xx", {200, 400}),
        ("lang=,,,", "/search?q=a&lang=,,,", {200, 400}), ("lang long", "/search?q=a&lang=" + "x" * 5000, {200, 400}),
        ("700 category filters", "/search?" + "&".join(["category=c"] * 700), {200, 400, 414}),
        ("q=%", q("%"), BAD), ("q=%G1", q("%G1"), BAD), ("q=%2", q("%2"), BAD), ("key %", "/search?%=a", BAD),
        ("key %ZZ", "/search?%ZZ=1", BAD), ("unknown parameter", "/search?nope=1&q=a", BAD),
        ("misspelt filter", "/search?q=a&categroy=News", BAD), ("empty filter", "/search?q=a&category=", OK),
        ("empty query string", "/search?", OK), ("lone &", "/search?&&&", OK), ("lone =", "/search?=", {200, 400}),
        ("long URL /search", "/search?q=a&x=" + "b" * 9000, {414}),
        ("long URL /health", "/health?x=" + "b" * 9000, {200, 414}),
        ("long URL /posts", "/posts/" + "p" * 9000, {404, 414}),
        ("/posts/post-000001", "/posts/post-000001", OK), ("/posts/..", "/posts/..", {404}),
        ("/posts/%2e%2e", "/posts/%2e%2e", {404}), ("/posts/%2F", "/posts/%2F", {404}),
        ("/posts/%2e%2e%2F%2e%2e%2Fetc%2Fpasswd", "/posts/%2e%2e%2F%2e%2e%2Fetc%2Fpasswd", {404}),
        ("/posts/%00", "/posts/%00", {400, 404}), ("/posts/%FF", "/posts/%FF", {400}), ("/posts/%", "/posts/%", {400}),
        ("/posts/%G1", "/posts/%G1", {400}), ("/posts/ 5000 chars", "/posts/" + "x" * 5000, {404}),
        ("/posts/x/related", "/posts/x/related", {404}), ("/posts/post-000001/related", "/posts/post-000001/related", OK),
        ("/posts/post-000001/related?limit=101", "/posts/post-000001/related?limit=101", BAD),
        ("/posts/post-000001/related/x", "/posts/post-000001/related/x", {404}), ("/posts/", "/posts/", {404}),
        ("/posts", "/posts", {404}), ("/nope", "/nope", {404}), ("/search/", "/search/", {200, 404}),
        ("//search", "//search", {200, 404}), ("/SEARCH", "/SEARCH", {404}), ("/../../etc/passwd", "/../../etc/passwd", {400, 404}),
        ("/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", {400, 404}), ("/openapi.json/x", "/openapi.json/x", {404}),
        ("/health", "/health", OK), ("/openapi.json", "/openapi.json", OK), ("/ (search page)", "/", OK),
        ("absolute-form target", "http://127.0.0.1/health", {200, 400}), ("asterisk target", "*", {400, 404}),
    ]
    reqs = [(n, request_bytes("GET", t), ok) for n, t, ok in cases]
    # Methods: README: 405 method_not_allowed with "Allow: GET, HEAD" for others on the endpoints.
    for m in ["HEAD"]:
        for path in ["/health", "/search?q=a", "/posts/post-000001", "/openapi.json"]:
            reqs.append((f"{m} {path}", request_bytes(m, path), OK))
    for m in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]:
        reqs.append((f"{m} /search", request_bytes(m, "/search?q=a"), {405}))
        reqs.append((f"{m} /health", request_bytes(m, "/health"), {405}))
    reqs += [
        ("method FOO", request_bytes("FOO", "/health"), {400, 405}),
        ("method 1000 letters", request_bytes("A" * 1000, "/health"), {400, 405}),
        ("POST 5 MB body", request_bytes("POST", "/search", body=b"x" * (5 << 20)), {405, 413}),
        ("GET with 1 MB body", request_bytes("GET", "/health", body=b"x" * (1 << 20)), {200, 400, 413}),
        ("GET chunked body", request_bytes("GET", "/health", headers=["Transfer-Encoding: chunked"]) + b"5\r\nhello\r\n0\r\n\r\n", {200, 400}),
        ("huge header 100 KB", request_bytes("GET", "/health", headers=["X-Big: " + "a" * 100_000]), {400, 431}),
        ("2000 headers", request_bytes("GET", "/health", headers=[f"X-H{i}: v" for i in range(2000)]), {200, 400, 431}),
        ("header without colon", request_bytes("GET", "/health", headers=["nocolon"]), {400}),
        ("NUL in header", request_bytes("GET", "/health", headers=[b"X-A: a\x00b"]), {200, 400}),
        ("HTTP/1.0 without Host", b"GET /health HTTP/1.0\r\n\r\n", OK),
        ("HTTP/0.9 request", b"GET /health\r\n\r\n", {400}),
        ("HTTP/2.0 on HTTP/1 port", b"GET /health HTTP/2.0\r\n\r\n", {400, 505}),
        ("garbage request line", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 100, {400}),
        ("raw space in target", b"GET /search?q=a b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400}),
        ("raw UTF-8 in target", "GET /search?q=café HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode(), {200, 400}),
        ("raw 0xFF in target", b"GET /search?q=\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400}),
        ("CR in target", b"GET /search?q=a\rb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400}),
        ("bare LF line ends", b"GET /health HTTP/1.1\nHost: x\nConnection: close\n\n", {200, 400}),
    ]
    return reqs


def parse_server_log(path):
    """Statuses and durations of the server's own request log lines ("GET /path 200 1.2ms")."""
    statuses, durations = collections.Counter(), []
    with open(path, errors="replace") as f:
        for line in f:
            m = re.search(r" (\d{3}) ([\d.]+)ms$", line.rstrip())
            if m:
                statuses[m.group(1)] += 1
                durations.append(float(m.group(2)) / 1000)
    return statuses, durations


class Watch(threading.Thread):
    """Samples the server's VmRSS every 0.2 s (the maximum is what the check bounds)."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server, self.max_kib, self.stop = server, 0, threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.max_kib = max(self.max_kib, self.server.rss_kib() or 0)
            time.sleep(0.2)


def run_schemathesis(port, tmp, examples, seed, checks, warnings):
    """Phase (a): schemathesis with every check; ST1xx and errors fail, ST2xx warn."""
    exe = shutil.which("schemathesis") or shutil.which("st")
    if not exe:
        sys.exit("schemathesis is not installed: pip install schemathesis")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip().split()[-1]
    report_dir = os.path.join(tmp, "schemathesis")
    cmd = [exe, "run", f"http://127.0.0.1:{port}/openapi.json", "--checks", "all", "--max-examples", str(examples),
           "--seed", str(seed), "--continue-on-failure", "--no-color", "--request-timeout", "30",
           "--generation-database", "none", "--report", "json", "--report-dir", report_dir]
    print("+ " + " ".join(cmd), flush=True)
    t = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
    seconds = time.time() - t
    reports = glob.glob(os.path.join(report_dir, "*.json"))
    if not checks.check(bool(reports), f"schemathesis wrote no report (exit {out.returncode}): {out.stdout[-1500:]}"):
        return {"version": version}
    report = json.load(open(reports[0]))
    hard = [f for f in report["failures"] if not f["code"].startswith("ST2")]
    soft = [f for f in report["failures"] if f["code"].startswith("ST2")]
    for f in hard:
        checks.check(False, f"schemathesis {f['code']} {f['title']}: {f['operations']}")
    for f in soft:
        warnings.append(f"schemathesis {f['code']} {f['title']}: {f['operations']}")
    checks.check(not report["errors"], f"schemathesis errors: {json.dumps(report['errors'])[:800]}")
    # Keep the reproductions (curl lines) of each failure for the reader of the log.
    for m in re.finditer(r"\n- (ST\d+ [^\n]*)\n(?:.|\n)*?Reproduce with:\n\n\s+(curl [^\n]{0,300})", out.stdout):
        print(f"  schemathesis {m.group(1)}: {m.group(2)}")
    return {"version": version, "test_cases": report["test_cases"]["generated"], "seconds": round(seconds, 1),
            "failures": {f["code"]: f["operations"] for f in report["failures"]}, "exit_code": report["exit_code"]}


def slow_clients(port, n, seconds, prompt, query, checks, by_status):
    """Phase (c): n slow connections beside a normal client; when does the server drop them?

    Kinds, in turn: "silent" sends nothing; "trickle" sends a request line and an endless header
    a byte a second; "unread" pipelines 300 requests for /openapi.json (3 MB of answers) and never
    reads them, so the server's writes back up."""
    trickle = b"GET /search?q=a HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100_000
    conns = []
    for i in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        kind = ("silent", "trickle", "unread")[i % 3]
        if kind == "unread":
            threading.Thread(target=_send, args=(s, request_bytes("GET", "/openapi.json", close=False) * 300),
                             daemon=True).start()
        conns.append({"sock": s, "kind": kind, "opened": time.time(), "sent": 0, "closed_after": None, "got": b""})
    latencies, normal_failures, t0, tick = [], [], time.time(), 0.0
    while time.time() - t0 < seconds:
        start = time.time()
        statuses, _, dt, err, _ = raw_request(port, request_bytes("GET", f"/search?q={query}&limit=10"), timeout=30)
        latencies.append(dt)
        by_status[str(statuses[0]) if statuses else f"error:{err}"] += 1
        if statuses != [200]:
            normal_failures.append((round(time.time() - t0, 1), statuses, err, round(dt, 3)))
        if time.time() - t0 >= tick:  # once a second: a byte from each trickler; who was dropped?
            tick += 1
            for c in conns:
                if c["closed_after"] is not None or c["kind"] == "unread":
                    continue  # an unread connection is never read, so its closing is not seen
                s = c["sock"]
                try:
                    if c["kind"] == "trickle":
                        c["sent"] += s.send(trickle[c["sent"]:c["sent"] + 1])
                    s.setblocking(False)
                    data = s.recv(65536)
                    if data == b"":
                        c["closed_after"] = time.time() - c["opened"]
                    c["got"] += data
                except BlockingIOError:
                    pass
                except OSError:
                    c["closed_after"] = time.time() - c["opened"]
        time.sleep(max(0.0, 0.25 - (time.time() - start)))
    closed = [c["closed_after"] for c in conns if c["closed_after"] is not None]
    answered = collections.Counter(re.findall(rb"HTTP/1\.1 (\d{3})", b"".join(c["got"] for c in conns)))
    for c in conns:
        c["sock"].close()
    checks.check(not normal_failures, f"normal client beside {n} slow clients: {len(normal_failures)} failed "
                 f"queries, e.g. {normal_failures[:5]}")
    # Promptly, not always instantly: the pipelining clients' opening burst (10,000 requests)
    # may hold up a query or two on a loaded machine.
    p90 = common.percentiles(latencies, (90,))["p90"] or 0.0
    checks.check(p90 <= prompt, f"normal client beside {n} slow clients: p90 latency {p90:.2f}s over {prompt}s")
    return {"connections": n, "seconds": seconds, "normal_queries": len(latencies),
            "normal_latency_ms": {k: round(v * 1000, 1) for k, v in common.percentiles(latencies).items()},
            "closed_by_server": len(closed),
            "closed_after_s": {"min": round(min(closed), 1), "median": round(statistics.median(closed), 1)} if closed else None,
            "closed_by_kind": dict(collections.Counter(c["kind"] for c in conns if c["closed_after"] is not None)),
            "connections_by_kind": dict(collections.Counter(c["kind"] for c in conns)),
            "statuses_sent_to_slow_clients": {k.decode(): v for k, v in answered.items()}}


# The servers here close connections idle this long (`serve --idle-timeout`; 30 s by default).
IDLE_TIMEOUT = 3


def fd_lockout(binary, index, tmp, checks):
    """Phase (d): a server limited to 128 descriptors, 160 idle connections: can anyone else get in?"""
    limit = 128
    folder = os.path.join(tmp, "fd")
    os.makedirs(folder)
    port = common.free_port()
    log = open(os.path.join(folder, "serve.log"), "w")
    proc = subprocess.Popen([binary, "serve", "--index", index, "--port", str(port), "--idle-timeout", str(IDLE_TIMEOUT)], stdout=log, stderr=subprocess.STDOUT,
                            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit)))
    try:
        for _ in range(100):
            if raw_request(port, request_bytes("GET", "/health"), timeout=2)[0] == [200]:
                break
            time.sleep(0.1)
        idle = []
        for _ in range(limit + 32):
            try:
                idle.append(socket.create_connection(("127.0.0.1", port), timeout=2))
            except OSError:
                break
        time.sleep(1)
        # The idle connections are closed after IDLE_TIMEOUT, so a new client gets in by then.
        statuses, _, dt, err, _ = raw_request(port, request_bytes("GET", "/health"), timeout=IDLE_TIMEOUT + 5)
        locked_out = statuses != [200]
        for s in idle:
            s.close()
        time.sleep(1)
        recovered = raw_request(port, request_bytes("GET", "/health"), timeout=5)[0] == [200]
        checks.check(not locked_out, f"{len(idle)} idle connections locked other clients out of a server with {limit} "
                     f"file descriptors: /health got {statuses or err} after {dt:.1f}s")
        return {"fd_limit": limit, "idle_connections": len(idle), "normal_client_locked_out": locked_out,
                "normal_client_got_in_after_s": round(dt, 1),
                "recovered_after_close": recovered}
    finally:
        proc.terminate()
        proc.wait()
        log.close()


def main():
    p = common.parser(__doc__)
    p.add_argument("--max-examples", type=int, help="schemathesis examples per operation (full: 200, quick: 25)")
    p.add_argument("--slow-clients", type=int, help="slow connections (full: 200, quick: 100)")
    p.add_argument("--slow-seconds", type=float, help="how long they stay (full: 75, quick: 15)")
    p.add_argument("--prompt", type=float, default=2.0, help="a normal query beside slow clients answers within this (s)")
    p.add_argument("--max-request-seconds", type=float, default=5.0, help="bound on any one request (default 5 s: "
                   "the 2 s search time limit plus room)")
    p.add_argument("--max-rss-mib", type=float, default=1024, help="bound on the server's resident memory (MiB)")
    p.add_argument("--no-schemathesis", action="store_true", help="skip phase (a)")
    p.add_argument("--verbose", action="store_true", help="print each explicit case's status and time")
    args = p.parse_args()
    binary = common.binary(args.binary)
    n_posts = 1000 if args.quick else 3000  # plus 30 posts of numbered words
    examples = args.max_examples or (25 if args.quick else 200)
    n_slow = args.slow_clients or (100 if args.quick else 200)
    slow_seconds = args.slow_seconds or (15 if args.quick else 75)
    checks, warnings, started = common.Checks(), [], time.time()
    by_status = collections.Counter()  # every request this script sent itself, by status
    figures = {"script": "hostile_http", "quick": args.quick, "seed": args.seed, "posts": n_posts}

    with common.TempDir(args.keep, "ps-hostile-") as tmp:
        vocab = common.vocabulary(args.seed)
        posts = common.write_posts(os.path.join(tmp, "posts.jsonl"), n_posts, args.seed, vocab=vocab)
        with open(posts, "a") as f:  # 30 posts holding 3,000 words zq0000..zq2999, for wildcard limits
            for k in range(30):
                words = " ".join(f"zq{k * 100 + j:04d}" for j in range(100))
                f.write(json.dumps({"id": f"zq-{k}", "title": f"Numbered words {k}", "date": "2020-01-01",
                                    "author": "Zq", "categories": ["Numbers"], "body": words}) + "\n")
        index = os.path.join(tmp, "index")
        r = common.run([binary, "index", posts, "--index", index])
        if r.returncode != 0:
            sys.exit(f"import failed: {r.stderr}")
        server = common.Server(binary, index, tmp, extra=("--idle-timeout", str(IDLE_TIMEOUT)))
        watch = Watch(server)
        watch.start()
        rss_start = server.rss_kib()

        # (a) schemathesis
        if not args.no_schemathesis:
            figures["schemathesis"] = run_schemathesis(server.port, tmp, examples, args.seed, checks, warnings)
            checks.check(server.alive(), "the server died during schemathesis")

        # (b) explicit cases
        mismatches, slowest = [], (0.0, "")
        cases = explicit_cases(vocab)
        for name, data, expected in cases:
            statuses, body, dt, err, _ = raw_request(server.port, data, timeout=60, head=data.startswith(b"HEAD "))
            status = statuses[0] if statuses else None
            by_status[str(status) if status else f"error:{err or 'no answer'}"] += 1
            slowest = max(slowest, (dt, name))
            if args.verbose:
                print(f"  {str(status or err):>7} {dt * 1000:8.1f} ms  {name}  {body[:100]!r}")
            if status is not None and status >= 500:
                checks.check(False, f"{name}: {status} {body[:200]!r}")
            elif status not in expected:
                mismatches.append(f"{name}: got {status or err or 'no answer'}, README says {sorted(expected)} "
                                  f"({body[:120]!r})")
            checks.check(dt <= args.max_request_seconds, f"{name}: took {dt:.2f}s")
            if not server.alive():
                checks.check(False, f"the server died on case {name!r}")
                break
        for m in mismatches:
            checks.check(False, "documented status: " + m)
        # README: `total` is "exact for small result sets": 30 posts hold the words zq0000..zq2999.
        for target in ["/search?q=zq0*+zq1*+zq2*", "/search?q=zq0*+zq1*+zq2*&limit=5&offset=15", "/search?q=zq0*+zq1*"]:
            status, body = server.get(target)
            by_status[str(status)] += 1
            want = 20 if target.endswith("zq1*") else 30
            total = json.loads(body).get("total") if status == 200 else None
            checks.check(total == want, f"{target}: total {total}, but {want} posts match (and facets=category says so)")
        # Pipelining: 50 requests in one write, 50 answers in order.
        statuses, _, dt, err, _ = raw_request(server.port, request_bytes("GET", "/health", close=False) * 50, expect=50)
        by_status.update(str(s) for s in statuses)
        checks.check(statuses == [200] * 50, f"50 pipelined requests: {len(statuses)} answers {collections.Counter(statuses)}")
        # HTTP/1.0 without keep-alive: the connection closes after the answer (RFC 9112 9.3), else a
        # client reading to the end waits forever (there is no idle timeout).
        statuses, _, dt, err, closed = raw_request(server.port, b"GET /health HTTP/1.0\r\n\r\n", linger=5)
        by_status.update(str(s) for s in statuses)
        checks.check(statuses == [200] and closed, f"HTTP/1.0 request without keep-alive: answered {statuses}, "
                     f"connection {'closed' if closed else 'still open 5 s later'}")
        figures["explicit"] = {"cases": len(cases) + 5, "mismatches": len(mismatches),
                               "slowest_s": round(slowest[0], 3), "slowest_case": slowest[1]}

        # (c) slow clients
        query = f"{vocab[5]}+OR+{vocab[50]}"
        figures["slow_clients"] = slow_clients(server.port, n_slow, slow_seconds, args.prompt, query, checks, by_status)
        sc = figures["slow_clients"]
        silent = sc["connections_by_kind"]["silent"]
        checks.check(sc["closed_by_kind"].get("silent", 0) == silent,
                     f"every silent connection must be closed after the idle timeout ({IDLE_TIMEOUT} s): "
                     f"{sc['closed_by_kind'].get('silent', 0)} of {silent} were")
        if sc["closed_by_kind"].get("trickle", 0) == 0:
            # Hummingbird 2 has an idle timeout but no deadline for a whole request head.
            warnings.append(f"connections trickling a header a byte a second stay open ({slow_seconds:.0f}s run); "
                            f"they hold a connection each, out of --max-connections")

        # (d) what no idle timeout costs on a descriptor budget
        figures["fd_lockout"] = fd_lockout(binary, index, tmp, checks)

        alive = server.alive()
        rss_end = server.rss_kib()
        watch.stop.set()
        watch.join()
        exit_status = server.stop()
        server_statuses, durations = parse_server_log(os.path.join(tmp, "serve.log"))

    checks.check(alive, "the server is not alive at the end")
    checks.check(exit_status == 0, f"server exit status on SIGTERM: {exit_status}")
    fivexx = {k: v for k, v in server_statuses.items() if k.startswith("5")}
    checks.check(not fivexx, f"5xx in the server log: {fivexx}")
    checks.check(watch.max_kib <= args.max_rss_mib * 1024, f"max RSS {watch.max_kib / 1024:.0f} MiB > {args.max_rss_mib}")
    max_logged = max(durations) if durations else 0
    checks.check(max_logged <= args.max_request_seconds, f"slowest request in the server log took {max_logged:.2f}s")
    elapsed = time.time() - started
    figures.update({
        "requests_by_status_client": dict(by_status), "requests_by_status_server_log": dict(server_statuses),
        "server_logged_requests": sum(server_statuses.values()), "max_request_s_server_log": round(max_logged, 3),
        "rss_mib": {"start": round((rss_start or 0) / 1024, 1), "max": round(watch.max_kib / 1024, 1),
                    "end": round((rss_end or 0) / 1024, 1)},
        "warnings": warnings, "total_seconds": round(elapsed, 1)})
    st = figures.get("schemathesis", {})
    lines = [f"schemathesis {st.get('version')}: {st.get('test_cases')} test cases, failures {st.get('failures')}",
             f"explicit: {figures['explicit']['cases']} cases, {len(mismatches)} with an undocumented status; slowest "
             f"{slowest[0]:.2f}s ({slowest[1]})",
             f"slow clients: {sc['connections']} for {sc['seconds']:.0f}s, normal query latency {sc['normal_latency_ms']}, "
             f"closed by server: {sc['closed_by_server']} {sc['closed_after_s'] or ''}",
             f"fd lockout (128 fds): {figures['fd_lockout']}",
             f"requests by status: client {dict(by_status)}; server log {dict(server_statuses)}",
             f"RSS MiB {figures['rss_mib']}; slowest logged request {max_logged:.3f}s; total {elapsed:.0f}s"]
    lines += [f"WARNING: {w}" for w in warnings]
    checks.finish(lines, figures)


if __name__ == "__main__":
    main()
