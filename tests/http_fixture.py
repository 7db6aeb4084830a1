"""A real HTTP server on 127.0.0.1 serving documents and faults, with a request log."""
from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class DocumentServer:
    """Routes map a path to a handler; `hits` counts requests per path; `state` lets tests change things."""

    def __init__(self, documents: dict[str, bytes]):
        self.documents = documents  # path -> bytes (served with ETag and Last-Modified)
        self.hits: Counter = Counter()
        self.agents: set[str] = set()
        self.state: dict = {"etag_version": 1, "flaky_failures": 1, "robots": "User-agent: *\nDisallow: /private/\n"}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                server.hits[self.path] += 1
                server.agents.add(self.headers.get("User-Agent", ""))
                server.route(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> DocumentServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @staticmethod
    def send(handler, status: int, body: bytes = b"", headers: dict | None = None, length: int | None = None):
        handler.send_response(status)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        handler.end_headers()
        if body:
            try:
                handler.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def route(self, h) -> None:
        path = h.path
        if path == "/robots.txt":
            if self.state.get("robots_hang"):
                time.sleep(self.state["robots_hang"])  # a robots.txt that never answers in time
            return self.send(h, self.state.get("robots_status", 200), self.state["robots"].encode(), {"Content-Type": "text/plain"})
        if path == "/trickle.pdf":  # one byte at a time, each well within the read timeout
            h.send_response(200)
            h.send_header("Content-Type", "application/pdf")
            h.send_header("Content-Length", "100000")
            h.end_headers()
            try:
                for _ in range(100000):
                    h.wfile.write(b"%")
                    h.wfile.flush()
                    time.sleep(self.state.get("trickle_every", 0.1))
            except (BrokenPipeError, ConnectionResetError):
                pass
            h.close_connection = True
            return
        if path == "/busy.pdf":  # 429 with Retry-After, `busy` times, then the document
            if self.state.get("busy", 0) > 0:
                self.state["busy"] -= 1
                return self.send(h, self.state.get("busy_status", 429), b"slow down",
                                 {"Retry-After": str(self.state.get("retry_after", 1))})
            return self.serve_document(h, "/docs/report.pdf")
        if path == "/bad-gzip.pdf":
            return self.send(h, 200, b"this is not gzip at all" * 10,
                             {"Content-Type": "application/pdf", "Content-Encoding": "gzip"})
        if path == "/flaky.pdf":
            if self.state["flaky_failures"] > 0:
                self.state["flaky_failures"] -= 1
                return self.send(h, 500, b"server error")
            return self.serve_document(h, "/docs/report.pdf")
        if path == "/hang.pdf":
            time.sleep(self.state.get("hang_seconds", 3))
            return self.send(h, 200, b"%PDF-late")
        if path == "/redirect.pdf":
            return self.send(h, 302, headers={"Location": "/docs/report.pdf"})
        if path == "/redirect-ftp.pdf":
            return self.send(h, 301, headers={"Location": "ftp://127.0.0.1/report.pdf"})
        if path == "/redirect-file.pdf":
            return self.send(h, 302, headers={"Location": "file:///etc/passwd"})
        if path == "/wrong-type.pdf":
            return self.serve_document(h, "/docs/report.pdf", content_type="text/html")
        if path == "/truncated.pdf":
            body = self.documents["/docs/report.pdf"]
            self.send(h, 200, body[:200], {"Content-Type": "application/pdf"}, length=len(body))
            h.close_connection = True
            return
        if path == "/huge.pdf":
            return self.send(h, 200, b"%PDF-" + b"0" * 4096, {"Content-Type": "application/pdf"})
        if path == "/missing.pdf":
            return self.send(h, 404, b"not found")
        if path == "/changing.txt":
            version = self.state["etag_version"]
            body = f"Short inspection of Oak Primary School\nThis school continues to be good. Version {version}.\n".encode()
            return self.serve_bytes(h, body, f'"v{version}"', "text/plain")
        if path in self.documents:
            return self.serve_document(h, path)
        return self.send(h, 404, b"not found")

    def serve_document(self, h, path: str, content_type: str | None = None) -> None:
        body = self.documents[path]
        kind = content_type or ("application/pdf" if path.endswith(".pdf") else
                                "text/html" if path.endswith((".html", ".htm", "/")) else "text/plain")
        self.serve_bytes(h, body, f'"{abs(hash(body)) % 10**8}"', kind)

    def serve_bytes(self, h, body: bytes, etag: str, content_type: str) -> None:
        modified = "Wed, 09 Nov 2016 10:00:00 GMT"
        if h.headers.get("If-None-Match") == etag:
            return self.send(h, 304, headers={"ETag": etag, "Last-Modified": modified})
        self.send(h, 200, body, {"Content-Type": content_type, "ETag": etag, "Last-Modified": modified})


def index_page(links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{link}">{link}</a></li>' for link in links)
    return f"<html><body><nav><a href='/about'>About</a></nav><main><ul>{items}</ul></main></body></html>".encode()
