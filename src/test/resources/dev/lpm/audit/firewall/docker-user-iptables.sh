#!/bin/sh
# lpm: Docker-published ports reachable from this machine only (iptables)
# Rules in DOCKER-USER, matching the port the client connected to (conntrack original destination port): INPUT rules and UFW never see Docker's DNAT'ed traffic.
# Drops connections from outside to: 3000/tcp, 5353/udp, 8080/tcp. Ports published later are not covered: run lpm firewall again.
# Loopback and container-to-container traffic (docker0, br-*) stays allowed. IPv4 only; with IPv6 enabled in Docker, repeat with ip6tables.
set -e
iptables -N LPM-DOCKER 2>/dev/null || true
iptables -F LPM-DOCKER
iptables -D DOCKER-USER -j LPM-DOCKER 2>/dev/null || true
iptables -I DOCKER-USER 1 -j LPM-DOCKER
iptables -A LPM-DOCKER -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
iptables -A LPM-DOCKER -i lo -j RETURN
iptables -A LPM-DOCKER -i docker0 -j RETURN
iptables -A LPM-DOCKER -i br-+ -j RETURN
iptables -A LPM-DOCKER -p tcp -m conntrack --ctorigdstport 3000 --ctdir ORIGINAL -j DROP
iptables -A LPM-DOCKER -p udp -m conntrack --ctorigdstport 5353 --ctdir ORIGINAL -j DROP
iptables -A LPM-DOCKER -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP
iptables -A LPM-DOCKER -j RETURN
iptables -t raw -D PREROUTING '!' -i lo -d 127.0.0.0/8 -j DROP 2>/dev/null || true
iptables -t raw -I PREROUTING '!' -i lo -d 127.0.0.0/8 -j DROP
