# What a neighbour on the network does while a container is started: tries a TCP connection to
# HOST:PORT every 10 ms (non-blocking, each given 0.5 s), from before the container exists until
# stdin closes and then 3 s more. Prints "TRIES CONNECTED". A dropped SYN never connects; a refused
# one (nothing listens yet) neither; only a connection that really opens counts.
import select, socket, sys, threading, time

host, port = sys.argv[1], int(sys.argv[2])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
done = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
print("probing", flush=True)
tries = connected = 0
pending = {}  # socket -> deadline
stop_at = None
while True:
    now = time.monotonic()
    if done.is_set() and stop_at is None:
        stop_at = now + 3.0
    if stop_at is not None and now >= stop_at:
        break
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setblocking(False)
    try:
        s.connect((host, port))
    except BlockingIOError:
        pass
    except OSError:
        s.close()
        s = None
    tries += 1
    if s is not None:
        pending[s] = now + 0.5
    deadline = time.monotonic() + 0.01
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        _, writable, _ = select.select([], list(pending), [], left) if pending else ([], [], time.sleep(left))
        for w in writable or []:
            if w.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                connected += 1
            w.close()
            del pending[w]
    for p, until in list(pending.items()):
        if time.monotonic() > until:
            p.close()
            del pending[p]
# Connections still pending at the end get their half second.
end = time.monotonic() + 0.5
while pending and time.monotonic() < end:
    _, writable, _ = select.select([], list(pending), [], 0.05)
    for w in writable:
        if w.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
            connected += 1
        w.close()
        del pending[w]
print(tries, connected, flush=True)
