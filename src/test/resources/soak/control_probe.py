"""Asks an lpm instance over its control socket, again and again, and prints how long each answer took.

Usage: control_probe.py SOCKET SECONDS INTERVAL REQUESTS_JSON
REQUESTS_JSON is a JSON list of control requests, sent in turn. Prints one line per call:
"<op> <milliseconds> ok|fail". Runs as the instance's user (the socket is owner-only), with no JVM
start-up in the measurement.
"""
import json
import socket
import sys
import time

path, seconds, interval, requests = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), json.loads(sys.argv[4])
end = time.monotonic() + seconds
i = 0
while time.monotonic() < end:
    request = requests[i % len(requests)]
    i += 1
    started = time.monotonic()
    ok = False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(60)
            s.connect(path)
            s.sendall((json.dumps(request) + "\n").encode())
            data = b""
            while not data.endswith(b"\n"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            ok = json.loads(data.decode()).get("ok") is True
    except Exception as e:  # the line says fail; the test fails on it
        print(f"# {request['op']}: {e}", file=sys.stderr, flush=True)
    print(f"{request['op']} {(time.monotonic() - started) * 1000:.1f} {'ok' if ok else 'fail'}", flush=True)
    time.sleep(interval)
