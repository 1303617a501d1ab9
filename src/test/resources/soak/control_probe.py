"""Asks an lpm instance over its control API, again and again, and prints how long each answer took.

Usage: control_probe.py SOCKET SECONDS INTERVAL PATHS_JSON
PATHS_JSON is a JSON list of API paths (GET), asked in turn. Prints one line per call:
"<path> <milliseconds> ok|fail". Runs as the instance's user (the socket is owner-only), with no JVM
start-up in the measurement.
"""
import http.client
import json
import socket
import sys
import time


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("lpm", timeout=60)
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(60)
        self.sock.connect(self.unix_path)


path, seconds, interval, paths = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), json.loads(sys.argv[4])
end = time.monotonic() + seconds
i = 0
while time.monotonic() < end:
    api_path = paths[i % len(paths)]
    i += 1
    started = time.monotonic()
    ok = False
    try:
        connection = UnixConnection(path)
        try:
            connection.request("GET", api_path)
            response = connection.getresponse()
            json.loads(response.read())
            ok = response.status == 200
        finally:
            connection.close()
    except Exception as e:  # the line says fail; the test fails on it
        print(f"# {api_path}: {e}", file=sys.stderr, flush=True)
    print(f"{api_path} {(time.monotonic() - started) * 1000:.1f} {'ok' if ok else 'fail'}", flush=True)
    time.sleep(interval)
