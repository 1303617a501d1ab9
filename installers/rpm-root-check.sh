#!/usr/bin/env bash
# Installs the built .rpm into a throwaway root (rpm --root), never into this system, and checks it the
# way a user meets it: the files under /opt/localportmanager, %post's /usr/bin/lpm link and pinned jar
# times (the launcher then uses its AOT cache), then erase leaves nothing. Works on Debian too: the
# root gets busybox as /bin/sh (and its tools) so the scriptlets run there, chrooted by rpm.
# --nodeps: the root has none of the GTK/X libraries the package requires; the launcher is run from
# this system, with its libraries. Root, because rpm chroots into the test root for the scriptlets.
# Prerequisites: rpm (apt-get install rpm), busybox-static; target/installer/*.rpm (installers/rpm.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) == 0 ]] || { echo "rpm-root-check.sh chroots (rpm --root): run it as root" >&2; exit 1; }
for tool in rpm busybox; do
  command -v "$tool" >/dev/null || { echo "rpm-root-check.sh needs $tool (apt-get install rpm busybox-static)" >&2; exit 1; }
done
rpm_file=$(ls -1 target/installer/localportmanager-*.rpm 2>/dev/null | head -n1)
[[ -n "$rpm_file" ]] || { echo "no target/installer/localportmanager-*.rpm: run installers/rpm.sh" >&2; exit 1; }
root=$(mktemp -d /tmp/lpm-rpmroot.XXXXXX)
trap '[[ -n "${LPM_KEEP_ROOT:-}" ]] || rm -rf "$root"' EXIT
fail() { echo "rpm-root-check: FAILED: $*" >&2; exit 1; }
install_dir=/opt/localportmanager

mkdir -p "$root/bin" "$root/usr/bin" "$root/opt" "$root/tmp" "$root/dev"
mknod -m 666 "$root/dev/null" c 1 3   # the scriptlets redirect to /dev/null
cp "$(command -v busybox)" "$root/bin/busybox"
for applet in sh ln find touch readlink rm awk sed grep test wc cat mkdir; do ln -s busybox "$root/bin/$applet"; done
# Debian's rpm refuses to install without --force-debian (it wants alien); other rpms do not know the flag.
debian=(); rpm --help 2>/dev/null | grep -q -- --force-debian && debian=(--force-debian)
rpm --root "$root" --initdb
rpm --root "$root" -i --nodeps "${debian[@]}" "$rpm_file" 2>"$root/tmp/install.log" || { cat "$root/tmp/install.log" >&2; fail "rpm -i"; }
cat "$root/tmp/install.log" >&2

rpm --root "$root" -q localportmanager >/dev/null || fail "rpm -q localportmanager after install"
[[ -x "$root$install_dir/bin/lpm" && -x "$root$install_dir/bin/LocalPortManager" ]] || fail "launchers missing in $install_dir/bin"
[[ "$(readlink "$root/usr/bin/lpm")" == "$install_dir/bin/lpm" ]] || fail "%post did not link /usr/bin/lpm -> $install_dir/bin/lpm"
[[ -f "$root$install_dir/lib/localportmanager-LocalPortManager.desktop" ]] || fail "the menu entry's .desktop file is missing"
"$root$install_dir/bin/lpm" --version | grep -q '^lpm ' || fail "lpm --version"
# %post linked the generated completion and man pages where the shells and man look.
[[ "$(readlink "$root/usr/share/bash-completion/completions/lpm")" == "$install_dir/lib/shell/lpm.bash" ]] \
  || fail "%post did not link the bash completion"
[[ "$(readlink "$root/usr/share/fish/vendor_completions.d/lpm.fish")" == "$install_dir/lib/shell/lpm.fish" ]] \
  || fail "%post did not link the fish completion"
for page in lpm lpm-register lpm-resume lpm-kill-switch; do
  [[ "$(readlink "$root/usr/share/man/man1/$page.1.gz")" == "$install_dir/lib/man/man1/$page.1.gz" \
     && -f "$root$install_dir/lib/man/man1/$page.1.gz" ]] || fail "%post did not link the man page $page.1.gz"
done
# lpm's own classes come from the cache (JDK 25 logs "Archived app classpath validation: passed" only
# when the install path needs no prefix substitution, so that line is no proof either way).
JAVA_TOOL_OPTIONS=-Xlog:class+load "$root$install_dir/bin/lpm" --version 2>&1 \
  | grep -q 'dev\.lpm\.app\.Launcher source: shared objects file' \
  || fail "the installed app does not use its AOT cache (jar times not pinned by %post?)"

rpm --root "$root" -e localportmanager 2>"$root/tmp/erase.log" || { cat "$root/tmp/erase.log" >&2; fail "rpm -e"; }
[[ ! -e "$root/usr/bin/lpm" && ! -L "$root/usr/bin/lpm" ]] || fail "/usr/bin/lpm is still there after rpm -e"
[[ ! -e "$root$install_dir" ]] || fail "$install_dir is still there after rpm -e"
for link in usr/share/bash-completion/completions/lpm usr/share/fish/vendor_completions.d/lpm.fish \
    usr/share/man/man1/lpm.1.gz usr/share/man/man1/lpm-resume.1.gz; do
  [[ ! -e "$root/$link" && ! -L "$root/$link" ]] || fail "/$link is still there after rpm -e"
done
echo "rpm-root-check: OK ($rpm_file installed into and erased from a throwaway root)"
