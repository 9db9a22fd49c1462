#!/usr/bin/env python3
"""The demo service of the local stack: serves /metrics with demo_build_info{version="..."} 1, the version
read from a file on every scrape, so the deploy action switches it by writing that file.
Usage: demo-service.py <port> <version-file> [<host>, default 127.0.0.1]"""
import http.server
import sys

PORT = int(sys.argv[1])
VERSION_FILE = sys.argv[2]
HOST = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/metrics":
            self.send_error(404)
            return
        try:
            with open(VERSION_FILE, encoding="utf-8") as f:
                version = f.read().strip()
        except OSError:
            version = "unknown"
        body = ("# TYPE demo_build_info gauge\n"
                f'demo_build_info{{version="{version}"}} 1\n').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer((HOST, PORT), Handler).serve_forever()
