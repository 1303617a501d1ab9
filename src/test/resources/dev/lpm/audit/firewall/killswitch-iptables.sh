#!/bin/sh
# lpm: system-level VPN kill switch (iptables) for tun0
# WARNING: this drops ALL traffic that does not go through tun0 (or to the VPN server): while the VPN is down this machine is offline, LAN and DNS included.
# To undo: iptables -D OUTPUT -j LPM-KILLSWITCH-OUT; iptables -D INPUT -j LPM-KILLSWITCH-IN (and the same with ip6tables).
# VPN server allowed outside the tunnel: 203.0.113.5:1194/udp, [2001:db8::5]:51820
set -e
iptables -N LPM-KILLSWITCH-OUT 2>/dev/null || true
iptables -F LPM-KILLSWITCH-OUT
iptables -A LPM-KILLSWITCH-OUT -o lo -j RETURN
iptables -A LPM-KILLSWITCH-OUT -o tun0 -j RETURN
iptables -A LPM-KILLSWITCH-OUT -d 203.0.113.5 -p udp --dport 1194 -j RETURN
iptables -A LPM-KILLSWITCH-OUT -j DROP
iptables -N LPM-KILLSWITCH-IN 2>/dev/null || true
iptables -F LPM-KILLSWITCH-IN
iptables -A LPM-KILLSWITCH-IN -i lo -j RETURN
iptables -A LPM-KILLSWITCH-IN -i tun0 -j RETURN
iptables -A LPM-KILLSWITCH-IN -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
iptables -A LPM-KILLSWITCH-IN -j DROP
iptables -D OUTPUT -j LPM-KILLSWITCH-OUT 2>/dev/null || true
iptables -I OUTPUT 1 -j LPM-KILLSWITCH-OUT
iptables -D INPUT -j LPM-KILLSWITCH-IN 2>/dev/null || true
iptables -I INPUT 1 -j LPM-KILLSWITCH-IN
ip6tables -N LPM-KILLSWITCH-OUT 2>/dev/null || true
ip6tables -F LPM-KILLSWITCH-OUT
ip6tables -A LPM-KILLSWITCH-OUT -o lo -j RETURN
ip6tables -A LPM-KILLSWITCH-OUT -o tun0 -j RETURN
ip6tables -A LPM-KILLSWITCH-OUT -d 2001:db8::5 -p udp --dport 51820 -j RETURN
ip6tables -A LPM-KILLSWITCH-OUT -j DROP
ip6tables -N LPM-KILLSWITCH-IN 2>/dev/null || true
ip6tables -F LPM-KILLSWITCH-IN
ip6tables -A LPM-KILLSWITCH-IN -i lo -j RETURN
ip6tables -A LPM-KILLSWITCH-IN -i tun0 -j RETURN
ip6tables -A LPM-KILLSWITCH-IN -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
ip6tables -A LPM-KILLSWITCH-IN -j DROP
ip6tables -D OUTPUT -j LPM-KILLSWITCH-OUT 2>/dev/null || true
ip6tables -I OUTPUT 1 -j LPM-KILLSWITCH-OUT
ip6tables -D INPUT -j LPM-KILLSWITCH-IN 2>/dev/null || true
ip6tables -I INPUT 1 -j LPM-KILLSWITCH-IN
