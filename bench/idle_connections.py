#!/usr/bin/env python3
"""Holds many idle keep-alive HTTP connections to a loopback server and reports what they cost it.

Each connection sends one complete `GET PATH HTTP/1.1` (Host: bench.localhost by default) and reads
the whole response, so the server holds a real keep-alive connection, not a half-open one. The
connections are then held for a few seconds while the resident memory (VmRSS from /proc/PID/status)
of the given process(es) is read; the difference before/after, per connection, is what an idle
client costs the server.

    python3 bench/idle_connections.py --port 1355 --pid 4242 [--pid 4243 ...] [-n 5000] [--hold 5]

Only loopback addresses are accepted as targets. Python 3 standard library only.
"""

import argparse
import http.client
import ipaddress
import resource
import socket
import sys
import time


def rss_kib(pids):
    """Sum of VmRSS (KiB) of the given pids."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
    return total


def raise_fd_limit(wanted):
    """Raises the soft RLIMIT_NOFILE as far as the hard limit allows; returns the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and target > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError) as error:
            print(f"idle: could not raise the open-file limit to {target}: {error}", file=sys.stderr)
    return soft


def require_loopback(host):
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_loopback:
            sys.exit(f"idle: {host} resolves to {address}, which is not a loopback address; refusing")


def open_connection(host, port, host_header, path, timeout):
    """One keep-alive connection that has completed a request/response; None if it could not."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host_header})
        response = connection.getresponse()
        response.read()
        if response.status != 200 or response.will_close:
            connection.close()
            return None, f"status {response.status}{', server closes the connection' if response.will_close else ''}"
        return connection, None
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        return None, f"{type(error).__name__}: {error}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="loopback address of the server (default 127.0.0.1)")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, action="append", required=True,
                        help="process whose RSS to measure; repeat to sum several (e.g. nginx workers)")
    parser.add_argument("-n", "--connections", type=int, default=5000)
    parser.add_argument("--hold", type=float, default=5.0, help="seconds to hold the connections (default 5)")
    parser.add_argument("--host-header", default="bench.localhost")
    parser.add_argument("--path", default="/")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-connection timeout in seconds")
    parser.add_argument("--label", default="", help="name printed with the result")
    args = parser.parse_args()

    require_loopback(args.host)
    limit = raise_fd_limit(args.connections + 64)
    count = args.connections
    if limit < count + 32:
        count = max(0, limit - 32)
        print(f"idle: open-file limit is {limit}; holding {count} connections instead of {args.connections}",
              file=sys.stderr)

    label = args.label or "pid " + "+".join(str(p) for p in args.pid)
    before = rss_kib(args.pid)
    connections = []
    failures = {}
    started = time.monotonic()
    try:
        for _ in range(count):
            connection, error = open_connection(args.host, args.port, args.host_header, args.path, args.timeout)
            if connection is None:
                failures[error] = failures.get(error, 0) + 1
                if sum(failures.values()) >= 20:
                    break
                continue
            connections.append(connection)
        opened = time.monotonic() - started
        time.sleep(args.hold)
        # The connections must still be open: a server that dropped them would make the numbers meaningless.
        still_open = 0
        for connection in connections:
            try:
                connection.sock.setblocking(False)
                data = connection.sock.recv(1)
                if data:
                    still_open += 1  # unexpected bytes, but open
            except BlockingIOError:
                still_open += 1
            except OSError:
                pass
        after = rss_kib(args.pid)
    finally:
        for connection in connections:
            connection.close()

    held = len(connections)
    print(f"idle {label}: {held} keep-alive connections opened in {opened:.1f} s, {still_open} still open after "
          f"{args.hold:g} s")
    for error, n in failures.items():
        print(f"idle {label}: {n} connection(s) failed: {error}")
    per = (after - before) / held if held else float("nan")
    print(f"idle {label}: RSS before {before} KiB, with connections {after} KiB, "
          f"delta {after - before} KiB, {per:.2f} KiB per connection")
    return 0 if held and not failures and still_open == held else 1


if __name__ == "__main__":
    sys.exit(main())
