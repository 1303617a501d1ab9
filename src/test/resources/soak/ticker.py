"""A dev server as the soak test needs one: answers HTTP, echoes WebSocket text frames on /ws, and prints
a line a second the whole time (a busy output pipe, as real dev servers have).

Usage: ticker.py PORT NAME
"""
import base64
import hashlib
import http.server
import struct
import sys
import threading
import time

PORT, NAME = int(sys.argv[1]), sys.argv[2]
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def tick():
    n = 0
    while True:
        n += 1
        print(f"{NAME} tick {n}", flush=True)
        time.sleep(1)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.headers.get("Upgrade", "").lower() == "websocket":
            return self.websocket()
        body = f"{NAME} ok\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def websocket(self):
        key = self.headers["Sec-WebSocket-Key"]
        accept = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        self.end_headers()
        self.wfile.flush()
        while True:
            head = self.rfile.read(2)
            if len(head) < 2:
                return
            opcode, length = head[0] & 0x0F, head[1] & 0x7F
            if length == 126:
                length = struct.unpack(">H", self.rfile.read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self.rfile.read(8))[0]
            mask = self.rfile.read(4) if head[1] & 0x80 else b"\0\0\0\0"
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self.rfile.read(length)))
            if opcode == 8:
                return
            frame = bytes([0x81, len(payload)]) if len(payload) < 126 else bytes([0x81, 126]) + struct.pack(">H", len(payload))
            self.wfile.write(frame + payload)
            self.wfile.flush()

    def log_message(self, fmt, *args):
        pass  # the ticks are output enough


threading.Thread(target=tick, daemon=True).start()
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
