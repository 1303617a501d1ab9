"""A service that records every SIGTERM it gets, in itself and in a child, and shuts down slowly.

Usage: count_signals.py PORT LOGFILE. Writes "parent TERM" / "child TERM" lines to LOGFILE, then takes
half a second to exit, as graceful tools do, so a second signal sent during shutdown would be recorded.
"""
import http.server
import os
import signal
import sys
import threading
import time

port, log = int(sys.argv[1]), sys.argv[2]


def recorder(who):
    def on_term(signum, frame):
        with open(log, "a") as f:
            f.write(who + " TERM\n")
        threading.Thread(target=lambda: (time.sleep(0.5), os._exit(0)), daemon=True).start()
    return on_term


child = os.fork()
if child == 0:
    signal.signal(signal.SIGTERM, recorder("child"))
    while True:
        time.sleep(1)
signal.signal(signal.SIGTERM, recorder("parent"))
print("serving on", port, "child", child, flush=True)
http.server.HTTPServer(("127.0.0.1", port), http.server.SimpleHTTPRequestHandler).serve_forever()
