#!/usr/bin/env bash
# Builds the .deb and checks it the way a user meets it: install, `lpm` on PATH and at the install
# location, the firewall helper's unit installed and enabled, the helper answering when started as the
# unit starts it, `lpm daemon` and the desktop app as a normal user in the docker group (lpmtest-deb)
# reaching it, the menu entry, then removal leaving nothing behind: no file, no unit, no firewall rule.
# Runs as root on Debian/Ubuntu (CI: Debian 12). Removes the package again on any exit.
#
# Prerequisites: apt-get install fakeroot dpkg-dev curl python3 (and what deb.sh needs).
# LPM_SKIP_BUILD=1 reuses target/lpm.jar. The package is compressed fast (gzip -1): this checks the
# contents, not the size; release builds use deb.sh with dpkg's default xz.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) == 0 ]] || { echo "ci-deb-check.sh installs a package: run it as root" >&2; exit 1; }

package=localportmanager
install_dir=/opt/localportmanager
desktop_entry=/usr/share/applications/localportmanager-LocalPortManager.desktop
home=$(mktemp -d)
# Root writes the helper's and the daemon's output here, not in the user's LPM_HOME: lpm refuses a
# home that holds files of another user.
logs=$(mktemp -d)
daemon_pid=
# A headless box has no desktop menu directories, and xdg-desktop-menu then adds no entry; make the
# two a desktop Debian has for the check, and remove them afterwards if this script made them.
made_dirs=()
for dir in /etc/xdg/menus /usr/share/desktop-directories; do
  [[ -d "$dir" ]] || { mkdir -p "$dir"; made_dirs+=("$dir"); }
done
fail() { echo "ci-deb-check: FAILED: $*" >&2; exit 1; }
helper_pid=
user=
cleanup() {
  if [[ -n "$daemon_pid" ]] && kill -0 "$daemon_pid" 2>/dev/null; then kill "$daemon_pid"; wait "$daemon_pid" || true; fi
  if [[ -n "$helper_pid" ]] && kill -0 "$helper_pid" 2>/dev/null; then kill "$helper_pid"; wait "$helper_pid" || true; fi
  if [[ -x "$install_dir/bin/lpm" ]]; then "$install_dir/bin/lpm" helper --release-all --state /var/lib/lpm/helper-state.json >/dev/null 2>&1 || true; fi
  if [[ -n "$user" ]]; then pkill -KILL -u "$user" 2>/dev/null || true; userdel -f "$user" >/dev/null 2>&1 || true; fi
  rm -rf /run/lpm /var/lib/lpm
  if dpkg -s "$package" >/dev/null 2>&1; then dpkg --purge "$package" >/dev/null || true; fi
  rm -rf "$home" "$logs"
  for dir in "${made_dirs[@]}"; do rm -rf "$dir"; done
}
trap cleanup EXIT
if dpkg -s "$package" >/dev/null 2>&1; then
  fail "$package is already installed here; remove it first (dpkg -r $package)"
fi

start=$(date +%s)
DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1 installers/deb.sh
deb=$(ls -1 target/installer/${package}_*.deb | head -n1)
echo "ci-deb-check: built $deb ($(du -h "$deb" | cut -f1)) in $(( $(date +%s) - start )) s"

# apt resolves the Depends (GTK for JavaFX, xdg-utils for the menu entry) that dpkg -i would not.
apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null
[[ "$(readlink -f /usr/bin/lpm)" == "$install_dir/bin/lpm" ]] || fail "/usr/bin/lpm does not point at $install_dir/bin/lpm"
PATH=/usr/bin:/bin lpm --version | grep -q '^lpm ' || fail "lpm --version from PATH"
"$install_dir/bin/lpm" --version | grep -q '^lpm ' || fail "$install_dir/bin/lpm --version"
# lpm's own classes come from the cache ("Archived app classpath validation: passed" is logged only on
# some paths through the JDK's class path check, so it proves nothing when it is missing).
JAVA_TOOL_OPTIONS=-Xlog:class+load lpm --version 2>&1 | grep -q 'dev\.lpm\.app\.Launcher source: shared objects file' \
  || fail "the installed app does not use its AOT cache"
# The menu entry's launcher has its own cache when the build could train the desktop app (Xvfb, trayer).
if [[ -f "$install_dir/lib/app/LocalPortManager.aot" ]]; then
  JAVA_TOOL_OPTIONS=-Xlog:class+load "$install_dir/bin/LocalPortManager" --version 2>&1 \
    | grep -q 'dev\.lpm\.app\.Launcher source: shared objects file' \
    || fail "the installed LocalPortManager launcher does not use LocalPortManager.aot"
fi
[[ -f "$desktop_entry" ]] || fail "menu entry $desktop_entry missing"
grep -q '^Categories=Development;Network' "$desktop_entry" || fail "menu entry has no Categories=Development;Network"
grep -q "^Icon=$install_dir/" "$desktop_entry" || fail "menu entry has no icon"
[[ ! -f /usr/share/applications/localportmanager-lpm.desktop ]] || fail "the lpm CLI launcher got a menu entry"

# Shell completion and man pages (generated at build time) are in the package, linked where bash, fish
# and man look, and work there.
contents=$(dpkg-deb -c "$deb")
for file in lib/shell/lpm.bash lib/shell/lpm.fish lib/man/man1/lpm.1.gz lib/man/man1/lpm-register.1.gz \
    lib/man/man1/lpm-resume.1.gz lib/man/man1/lpm-kill-switch.1.gz; do
  grep -q "$install_dir/$file\$" <<<"$contents" || fail "$install_dir/$file is not in the .deb"
done
[[ "$(readlink -f /usr/share/bash-completion/completions/lpm)" == "$install_dir/lib/shell/lpm.bash" ]] \
  || fail "/usr/share/bash-completion/completions/lpm does not point at the package's completion"
[[ "$(readlink -f /usr/share/fish/vendor_completions.d/lpm.fish)" == "$install_dir/lib/shell/lpm.fish" ]] \
  || fail "/usr/share/fish/vendor_completions.d/lpm.fish does not point at the package's completion"
completed=$(bash --norc --noprofile -c 'source /usr/share/bash-completion/completions/lpm
  COMP_WORDS=(lpm resu); COMP_CWORD=1; COMP_LINE="lpm resu"; COMP_POINT=8; _complete_lpm lpm resu lpm 2>/dev/null
  echo "${COMPREPLY[*]}"')
[[ "$completed" == resume ]] || fail "bash completes 'lpm resu' to '$completed', not resume"
if command -v fish >/dev/null; then
  fish_home=$(mktemp -d)   # fish writes its config under HOME; not into the instance's home
  fish_completed=$(HOME="$fish_home" fish -c 'complete -C "lpm kill-switch o"' | cut -f1 | sort | tr '\n' ' ')
  rm -rf "$fish_home"
  [[ "$fish_completed" == "off on " ]] \
    || fail "fish completes 'lpm kill-switch o' to '$fish_completed' from its vendor completions, not on and off"
fi
if command -v man >/dev/null; then
  # man -w prints where the link leads: the package's page, reached through /usr/share/man/man1.
  [[ "$(man -w lpm)" == "$install_dir/lib/man/man1/lpm.1.gz" ]] || fail "man -w lpm finds '$(man -w lpm 2>&1)', not the package's page"
  man lpm-resume 2>&1 | grep -q 'lpm resume \[-hV\]' || fail "man lpm-resume does not render its synopsis"
fi

# The firewall helper: the unit is installed and enabled, and started the way the unit starts it (no
# systemd here: its ExecStart line, with the directories systemd would make) it answers the daemon.
unit=/lib/systemd/system/lpm-helper.service
[[ -f "$unit" ]] || fail "$unit is not installed"
[[ -L /etc/systemd/system/multi-user.target.wants/lpm-helper.service ]] || fail "lpm-helper.service is not enabled"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
[[ "$exec_start" == "$install_dir/bin/lpm helper "* ]] || fail "unexpected ExecStart: $exec_start"
mkdir -p -m 0755 /run/lpm && mkdir -p -m 0700 /var/lib/lpm
$exec_start >"$logs/helper.log" 2>&1 &
helper_pid=$!
for _ in $(seq 1 200); do [[ -S /run/lpm/helper.sock ]] && break; kill -0 "$helper_pid" 2>/dev/null || break; sleep 0.1; done
[[ -S /run/lpm/helper.sock ]] || { cat "$logs/helper.log" >&2; fail "the helper did not open /run/lpm/helper.sock"; }

# The daemon as a user runs it: a normal user in the docker group, its own home.
user=lpmtest-deb
userdel -f "$user" >/dev/null 2>&1 || true
groupadd -f docker
useradd --no-create-home --home-dir "$home" --shell /usr/sbin/nologin --groups docker "$user"
chown -R "$user:" "$home"
as_user() { setpriv --reuid="$user" --regid="$user" --init-groups -- env HOME="$home" USER="$user" LPM_HOME="$home" "$@"; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_user env LPM_PROXY_PORT="$port" lpm daemon >"$logs/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 1 200); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$daemon_pid" 2>/dev/null || break
  sleep 0.1
done
curl -s -o /dev/null "http://127.0.0.1:$port/" || { tail -20 "$logs/daemon.log" >&2; fail "the installed lpm daemon's proxy did not answer on $port"; }
# A CLI command that starts nothing itself talks to that daemon through the control socket.
as_user lpm list | grep -q 'No services registered' || fail "lpm list against the installed daemon"
as_user lpm security --json | grep -q '"helper" : "connected"' || { as_user lpm security >&2; cat "$logs/helper.log" >&2; fail "the daemon does not reach the installed helper"; }
as_user lpm security --json | grep -q '"nativePorts" : "applied"' || fail "the helper did not close lpm's ports"
iptables-save | grep -q 'lpm-helper' || fail "no lpm-helper rule while the daemon runs"
# Killed, the daemon leaves its rules (fail closed); removing the package must take them away.
# The JVM is a child of the launcher this shell started: kill every process of the user.
pkill -KILL -u "$user" || true; wait "$daemon_pid" || true; daemon_pid=
for _ in $(seq 1 50); do pgrep -u "$user" >/dev/null || break; sleep 0.1; done
kill "$helper_pid"; wait "$helper_pid" || true; helper_pid=
iptables-save | grep -q 'lpm-helper' || fail "the rules did not outlive the killed daemon and helper"

# The desktop app as the menu entry starts it, on a private X server with a system tray: its icon
# reaches the tray, and `lpm show` (the CLI on PATH) reaches its window.
if command -v xvfb-run >/dev/null && command -v trayer >/dev/null; then
  desktop_home="$home/desktop"
  mkdir -p "$desktop_home"
  # The desktop app as the same normal user.
  chown -R "$user:" "$desktop_home"
  as_user xvfb-run -a bash -c '
    trayer --edge top --height 24 >/dev/null 2>&1 & tray=$!
    sleep 1
    LPM_HOME="$1" LPM_PROXY_PORT="$2" "$3/bin/LocalPortManager" >"$1/desktop.log" 2>&1 & app=$!
    for _ in $(seq 1 300); do
      grep -q "its icon is in the system tray" "$1/desktop.log" && break
      kill -0 "$app" 2>/dev/null || break
      sleep 0.1
    done
    ok=0
    grep -q "its icon is in the system tray" "$1/desktop.log" && LPM_HOME="$1" lpm show | grep -q "brought" && ok=1
    kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; kill "$tray" 2>/dev/null; wait "$tray" 2>/dev/null
    [ "$ok" = 1 ]' _ "$desktop_home" "$port" "$install_dir" \
    || { tail -20 "$desktop_home/desktop.log" >&2; fail "the installed desktop app did not reach the tray or answer lpm show"; }
fi

dpkg -r "$package" >/dev/null
[[ ! -e /usr/bin/lpm && ! -L /usr/bin/lpm ]] || fail "/usr/bin/lpm is still there after dpkg -r"
! iptables-save | grep -q 'lpm-helper' || fail "iptables-save shows lpm rules after dpkg -r"
! ip6tables-save | grep -q 'lpm-helper' || fail "ip6tables-save shows lpm rules after dpkg -r"
[[ ! -e "$unit" ]] || fail "$unit is still there after dpkg -r"
[[ ! -e "$install_dir" ]] || fail "$install_dir is still there after dpkg -r"
[[ ! -f "$desktop_entry" ]] || fail "menu entry $desktop_entry is still there after dpkg -r"
for link in /usr/share/bash-completion/completions/lpm /usr/share/fish/vendor_completions.d/lpm.fish \
    /usr/share/man/man1/lpm.1.gz /usr/share/man/man1/lpm-resume.1.gz; do
  [[ ! -e "$link" && ! -L "$link" ]] || fail "$link is still there after dpkg -r"
done
dpkg --purge "$package" >/dev/null
echo "ci-deb-check: OK in $(( $(date +%s) - start )) s"
