#!/usr/bin/env python3
"""Embeds lpm from another tool, with the standard library only (http.client over lpm's Unix socket).

Registers NAME with a container command; when lpm's kill switch blocks it (a VPN is up and the
container would publish a port), asks lpm not to keep the name ("keepIfBlocked": false) and registers
a native command under the same name instead. Meanwhile it follows lpm's event stream and ends once
the service runs.

Usage: register_or_fallback.py NAME CONTAINER_COMMAND NATIVE_COMMAND
The socket is $LPM_HOME/lpm.sock, else $XDG_STATE_HOME/lpm/lpm.sock, else ~/.local/state/lpm/lpm.sock
(`lpm status` prints it). Both commands get the port in place of {port}. Exit 0 when NAME runs.
"""
import http.client
import json
import os
import queue
import socket
import sys
import threading


def socket_path():
    home = os.environ.get("LPM_HOME") or os.path.join(
        os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state"), "lpm")
    return os.path.join(home, "lpm.sock")


class LpmConnection(http.client.HTTPConnection):
    """HTTP to lpm: the host name is a placeholder, the socket decides."""

    def __init__(self, timeout=120):
        super().__init__("lpm", timeout=timeout)

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(socket_path())


def call(method, path, body=None):
    """One request; returns (HTTP status, parsed JSON answer)."""
    connection = LpmConnection()
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def follow_events(events):
    """Puts (name, data) for every server-sent event on the queue; ('ready', {}) comes first."""
    connection = LpmConnection(timeout=None)
    connection.request("GET", "/v1/events", headers={"Accept": "text/event-stream"})
    response = connection.getresponse()
    name, data = None, []
    while True:
        line = response.readline()
        if not line:
            return
        line = line.decode().rstrip("\r\n")
        if line.startswith("event:"):
            name = line[len("event:"):].strip()
        elif line.startswith("data:"):
            data.append(line[len("data:"):].strip())
        elif line == "" and name:
            events.put((name, json.loads("\n".join(data))))
            name, data = None, []


def register(name, command, keep_if_blocked):
    return call("POST", "/v1/services", {"name": name, "command": command, "keepIfBlocked": keep_if_blocked})


def main():
    name, container_command, native_command = sys.argv[1:4]
    events = queue.Queue()
    threading.Thread(target=follow_events, args=(events,), daemon=True).start()
    first, _ = events.get(timeout=30)
    assert first == "ready", first  # from here on no event is missed

    command = container_command
    status, answer = register(name, command, keep_if_blocked=False)
    if status == 403 and answer["error"]["kind"] == "blocked":
        print("blocked: " + answer["error"]["decision"]["reason"].splitlines()[0], flush=True)
        command = native_command
        status, answer = register(name, command, keep_if_blocked=True)
        print(f"fallback: {status} {answer.get('state', answer)}", flush=True)
    elif status >= 400:
        print(f"refused: {status} {answer['error']['kind']}: {answer['error']['message']}", flush=True)
        return 1
    if status != 200:
        return 1

    while True:
        event, data = events.get(timeout=120)
        # The blocked attempt's own events (stopped, blocked) come first: only the registration that stands counts.
        if event == "service" and data["name"] == name and data["command"] == command:
            print(f"event: service {name} {data['state']}", flush=True)
            if data["state"] == "running":
                print(f"{name} runs at {data['url']}", flush=True)
                return 0
            if data["state"] in ("crashed", "blocked"):
                return 1
        elif event in ("vpn", "blocked", "findings"):
            print(f"event: {event}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
