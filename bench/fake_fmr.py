#!/usr/bin/env python3
"""A stand-in FMR data validation service for bench/run_push_benchmark.sh: reads and
discards each upload (counting its bytes), answers with a uid, then 'Complete'."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def _json(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        remaining = int(self.headers.get("Content-Length", "0"))
        while remaining > 0:
            remaining -= len(self.rfile.read(min(remaining, 1 << 20)))
        self._json({"Success": True, "uid": "bench"})

    def do_GET(self):
        self._json({"Status": "Complete", "Datasets": [{"Errors": False, "ValidationReport": []}]})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.serve_forever()
