#!/bin/sh
# lpm: Docker-published ports reachable from this machine only (nft)
# Rules in DOCKER-USER, matching the port the client connected to (conntrack original destination port): INPUT rules and UFW never see Docker's DNAT'ed traffic.
# Drops connections from outside to: 3000/tcp, 8080/tcp. Ports published later are not covered: run lpm firewall again.
# Loopback and container-to-container traffic (docker0, br-*) stays allowed. IPv4 only; with IPv6 enabled in Docker, repeat with ip6tables.
# Run once: the jump below is added again on every run (nft cannot delete a rule by its text).
set -e
nft add chain ip filter LPM-DOCKER 2>/dev/null || true
nft flush chain ip filter LPM-DOCKER
nft add rule ip filter LPM-DOCKER ct state established,related return
nft add rule ip filter LPM-DOCKER iifname lo return
nft add rule ip filter LPM-DOCKER iifname docker0 return
nft add rule ip filter LPM-DOCKER iifname 'br-*' return
nft add rule ip filter LPM-DOCKER meta l4proto tcp ct original proto-dst 3000 ct direction original drop
nft add rule ip filter LPM-DOCKER meta l4proto tcp ct original proto-dst 8080 ct direction original drop
nft add rule ip filter LPM-DOCKER return
nft insert rule ip filter DOCKER-USER jump LPM-DOCKER
