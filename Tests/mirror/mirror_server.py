#!/usr/bin/env python3
"""Loopback mirror for SRFetchTests: serves ROOT (a folder laid out by URL path) on 127.0.0.1.

The first path segment picks a behaviour, the rest is the file's path under ROOT:
  /ok/...        the file (honours Range: bytes=N-)
  /corrupt/...   the file with one byte changed
  /short/...     the file's first half, with a matching Content-Length (a clean truncation)
  /404/... /500/...  that status
  /slow/...      the file in 64 KiB pieces, 20 ms apart
  /stall/...     half the file, then silence (the client's idle timeout must fire)
  /drop/...      the first request for a file gets half of it and the connection closed;
                 later requests (resumed with Range) are served normally
  /dropalways/...  every request is dropped half-way
  /loop/...      a redirect to itself
Prints the port on stdout, serves until stdin closes (the test process ends) or 120 s pass.
"""
import http.server, os, sys, threading, time

ROOT = sys.argv[1]
dropped = set()
lock = threading.Lock()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass

    def do_GET(self):
        parts = self.path.split("/", 2)
        mode, rel = parts[1], parts[2] if len(parts) > 2 else ""
        if mode in ("404", "500"):
            body = b"error\n"
            self.send_response(int(mode)); self.send_header("Content-Length", str(len(body))); self.end_headers()
            self.wfile.write(body); return
        if mode == "loop":
            self.send_response(302); self.send_header("Location", self.path); self.send_header("Content-Length", "0"); self.end_headers(); return
        path = os.path.join(ROOT, rel)
        if not os.path.isfile(path):
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
        data = open(path, "rb").read()
        if mode == "corrupt":
            data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
        if mode == "short":
            data = data[: len(data) // 2]
        start = 0
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=") and mode not in ("short",):
            start = int(rng[6:].split("-")[0])
        if start:
            if start >= len(data):
                self.send_response(416); self.send_header("Content-Length", "0"); self.end_headers(); return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        drop = False
        if mode == "dropalways":
            drop = True
        elif mode == "drop":
            with lock:
                drop = rel not in dropped
                dropped.add(rel)
        if drop or mode == "stall":
            self.wfile.write(body[: len(body) // 2]); self.wfile.flush()
            if mode == "stall":
                time.sleep(10)
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if mode == "slow":
            for i in range(0, len(body), 65536):
                self.wfile.write(body[i:i + 65536]); self.wfile.flush(); time.sleep(0.02)
            return
        self.wfile.write(body)

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
deadline = time.time() + 120
def watch_stdin():
    sys.stdin.read()
    os._exit(0)
threading.Thread(target=watch_stdin, daemon=True).start()
while time.time() < deadline:
    time.sleep(0.5)
os._exit(0)
