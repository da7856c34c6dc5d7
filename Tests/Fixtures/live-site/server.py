#!/usr/bin/env python3
"""A live site on loopback for postsearch's tests: three sites under one server.

  /rest/          a WordPress site with the REST API (posts from rest-posts.json, or --rest-file)
  /feed-site/     a site without the API whose home page links to an RSS feed (feed.xml)
  /sitemap-site/  a site with neither, listed by a sitemap index (pages/*.html, one slow page,
                  one page robots.txt forbids)

Faults and changes are set through /__control?action=...: fail&page=N&status=429|500 (once),
malformed&page=N, slow&seconds=S, touch&id=N, delete&id=N, add, reset. /__log lists the requests since the
last /__log?clear=1. Prints the port it listens on (127.0.0.1 only), then serves until its
standard input closes. Runs no longer than --lifetime seconds in any case.
"""
import argparse, json, math, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

HERE = os.path.dirname(os.path.abspath(__file__))


class State:
    def __init__(self, rest_file):
        self.rest_file = rest_file
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with open(self.rest_file, encoding="utf-8") as f:
            self.posts = json.load(f)
        self.faults = {}        # page -> [status, ...] answered once each
        self.malformed = set()  # pages answered with broken JSON
        self.log = []
        self.in_flight = 0
        self.most_in_flight = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="text/html; charset=utf-8", headers=None):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the slow page): what it is meant to do

    def do_GET(self):
        state = self.server.state
        url = urlparse(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        if url.path == "/__control":
            return self.control(state, query)
        if url.path == "/__log":
            with state.lock:
                log = list(state.log)
                if "clear" in query:
                    state.log.clear()
                    state.most_in_flight = 0
                most = state.most_in_flight
            return self.send(200, json.dumps({"requests": log, "most_in_flight": most}), "application/json")
        with state.lock:
            state.log.append({"path": self.path, "agent": self.headers.get("User-Agent", "")})
            state.in_flight += 1
            state.most_in_flight = max(state.most_in_flight, state.in_flight)
        try:
            self.route(state, url.path, query)
        finally:
            with state.lock:
                state.in_flight -= 1

    def control(self, state, query):
        action = query.get("action")
        with state.lock:
            if action == "reset":
                state.reset()
            elif action == "fail":
                state.faults.setdefault(int(query["page"]), []).append(int(query["status"]))
            elif action == "slow":
                self.server.slow_seconds = float(query["seconds"])
            elif action == "malformed":
                state.malformed.add(int(query["page"]))
            elif action == "touch":
                for post in state.posts:
                    if post["id"] == int(query["id"]):
                        post["title"]["rendered"] += " (edited)"
                        post["modified"] = post["modified_gmt"] = "2030-01-01T00:00:%02d" % (post["id"] % 60)
            elif action == "delete":
                state.posts = [p for p in state.posts if p["id"] != int(query["id"])]
            elif action == "add":
                new = json.loads(json.dumps(state.posts[0]))
                new.update(id=999, guid={"rendered": "https://site.example/?p=999"}, link="https://site.example/new/",
                           modified="2030-02-02T00:00:00", modified_gmt="2030-02-02T00:00:00")
                new["title"] = {"rendered": "A post added later"}
                state.posts.append(new)
            else:
                return self.send(400, "unknown action")
        self.send(200, "ok", "text/plain")

    def route(self, state, path, query):
        port = self.server.server_address[1]
        origin = "http://127.0.0.1:%d" % port
        if path == "/robots.txt":
            # Everyone but postsearch is kept out; postsearch only from the private folder.
            return self.send(200, "User-agent: *\nDisallow: /\n\nUser-agent: postsearch\nDisallow: /sitemap-site/private/\n\n"
                                  "Sitemap: %s/sitemap-site/sitemap_index.xml\n" % origin, "text/plain")
        if path == "/rest/wp-json/wp/v2/posts":
            return self.rest_posts(state, query)
        if path.endswith("/wp-json/wp/v2/posts"):
            return self.send(404, "<html><body>Not found</body></html>")
        if path == "/feed-site/":
            return self.send(200, '<html><head><title>Feed site</title><link rel="alternate" type="application/rss+xml" '
                                  'title="Feed" href="/feed-site/feed/"></head><body><p>Welcome</p></body></html>')
        if path == "/feed-site/feed/":
            return self.send(200, open(os.path.join(HERE, "feed.xml"), "rb").read(), "application/rss+xml")
        if path == "/sitemap-site/":
            return self.send(200, "<html><head><title>Sitemap site</title></head><body><p>Start</p></body></html>")
        if path == "/sitemap-site/sitemap_index.xml":
            return self.send(200, '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                  '<sitemap><loc>%s/sitemap-site/sitemap-posts.xml</loc></sitemap>'
                                  '<sitemap><loc>%s/sitemap-site/sitemap-pages.xml</loc></sitemap></sitemapindex>' % (origin, origin),
                             "application/xml")
        if path == "/sitemap-site/sitemap-posts.xml":
            entries = "".join("<url><loc>%s/sitemap-site/post-%d.html</loc><lastmod>2023-0%d-0%dT12:00:00+01:00</lastmod></url>"
                              % (origin, n, n, n) for n in (1, 2, 3))
            entries += "<url><loc>%s/sitemap-site/slow.html</loc><lastmod>2023-04-04</lastmod></url>" % origin
            entries += "<url><loc>%s/sitemap-site/private/secret.html</loc></url>" % origin
            return self.send(200, '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>'
                             % entries, "application/xml")
        if path == "/sitemap-site/sitemap-pages.xml":
            return self.send(200, '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                  '<url><loc>%s/sitemap-site/about.html</loc><lastmod>2022-01-01</lastmod></url></urlset>' % origin,
                             "application/xml")
        if path == "/sitemap-site/slow.html":
            time.sleep(self.server.slow_seconds)
            return self.send(200, "<html><head><meta property='article:published_time' content='2023-04-04'></head>"
                                  "<body><article><p>Slow</p></article></body></html>")
        if path.startswith("/sitemap-site/") and path.endswith(".html"):
            name = os.path.basename(path)
            page = os.path.join(HERE, "pages", name)
            if os.path.exists(page):
                text = open(page, encoding="utf-8").read().replace("SITE", origin + "/sitemap-site")
                return self.send(200, text)
        return self.send(404, "<html><body>Not found</body></html>")

    def rest_posts(self, state, query):
        per_page = int(query.get("per_page", "10"))
        page = int(query.get("page", "1"))
        with state.lock:
            faults = state.faults.get(page, [])
            fault = faults.pop(0) if faults else None
            malformed = page in state.malformed
            posts = sorted(state.posts, key=lambda p: p["modified"])
        if fault == 429:
            return self.send(429, '{"code":"too_many_requests"}', "application/json", {"Retry-After": "1"})
        if fault:
            return self.send(fault, '{"code":"internal_server_error"}', "application/json")
        if "modified_after" in query:
            posts = [p for p in posts if p["modified"] > query["modified_after"]]
        total = len(posts)
        pages = max(1, math.ceil(total / per_page))
        if page > pages and total:
            return self.send(400, '{"code":"rest_post_invalid_page_number"}', "application/json")
        chosen = posts[(page - 1) * per_page: page * per_page]
        if "_fields" in query:
            fields = query["_fields"].split(",")
            chosen = [{k: v for k, v in p.items() if k in fields} for p in chosen]
        elif "_embed" not in query:
            chosen = [{k: v for k, v in p.items() if k != "_embedded"} for p in chosen]
        body = json.dumps(chosen)
        if malformed:
            body = body[: len(body) // 2]
        self.send(200, body, "application/json; charset=UTF-8", {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rest-file", default=os.path.join(HERE, "rest-posts.json"))
    parser.add_argument("--slow-seconds", type=float, default=25)
    parser.add_argument("--lifetime", type=float, default=600)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(args.rest_file)
    server.slow_seconds = args.slow_seconds
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # Ends when the test closes our standard input, or after the lifetime.
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait(args.lifetime)
    server.shutdown()


if __name__ == "__main__":
    main()
