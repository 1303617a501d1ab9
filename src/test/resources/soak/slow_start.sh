#!/bin/sh
# A service that takes a while to come up, as big dev servers do: prints, waits $1 seconds, then serves
# HTTP on $PORT. Prints WEB_PORT too, to show what lpm put in its environment.
echo "warming up for $1 s; WEB_PORT=$WEB_PORT; in $(pwd)"
sleep "$1"
exec python3 -m http.server "$PORT" --bind 127.0.0.1
