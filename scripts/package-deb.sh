#!/usr/bin/env bash
# Builds the Linux package, target/debian/victim-first_<version>-1_<arch>.deb,
# with cargo-deb from [package.metadata.deb] in Cargo.toml: the program in
# /opt/victim-first/ (a force's guidance/ folder goes beside it) linked from
# /usr/bin/victim-first, the desktop entry, the icon and the documentation.
# The program is built with the `dist` profile by scripts/release.sh (no build
# machine paths in it); PROFILE=release packs the release build instead, and
# SKIP_BUILD=1 packs the binary already in the profile's folder.
#
#   scripts/package-deb.sh           build the package
#   scripts/package-deb.sh --check   build it, then install it with dpkg -i, run
#                                    `victim-first --version` and `assess` on an
#                                    example case from the installed path,
#                                    validate the desktop entry, start the window
#                                    from its command under Xvfb, and remove it
#                                    (as root or through sudo: it changes this
#                                    machine)
#
# Needs cargo-deb: cargo install cargo-deb --locked --version 3.8.0
# (docs/deployment.md). `.ci/run` builds and checks the package this way.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
profile=${PROFILE:-dist}
check=0
[ "${1:-}" = "--check" ] && check=1

if ! cargo deb --version >/dev/null 2>&1; then
    echo "package-deb: cargo-deb is not installed: cargo install cargo-deb --locked --version 3.8.0" >&2
    exit 1
fi

if [ -z "${SKIP_BUILD:-}" ]; then
    PROFILE="$profile" sh scripts/release.sh --bin victim-first
fi
target_dir=${CARGO_TARGET_DIR:-target}
mkdir -p "$target_dir/debian"
# --no-build: the binary just built is the one packed (cargo-deb finds it under
# the profile's folder); --no-strip: the profile strips it already.
deb=$(cargo deb --no-build --no-strip --profile "$profile" --output "$target_dir/debian/" 2>&1 | tail -n 1)
[ -f "$deb" ] || { echo "package-deb: FAILED: cargo deb gave no package: $deb" >&2; exit 1; }
echo "package-deb: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --contents "$deb" | awk '{print "    " $1, $6, $7, $8}'

[ "$check" -eq 1 ] || exit 0

# ---- the check: install, run from the installed path, remove ----
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if dpkg -s victim-first >/dev/null 2>&1; then
    echo "package-deb: victim-first is already installed here; not touching it" >&2; exit 1
fi
work=$(mktemp -d)
trap '$SUDO dpkg -r victim-first >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# As the deployment guide says: apt installs the libraries it depends on too.
# (Given as a path, the package file is installed, not fetched.)
if command -v apt-get >/dev/null; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$(realpath "$deb")"
else
    $SUDO dpkg -i "$deb"
fi
installed=$(command -v victim-first)
[ "$installed" = /usr/bin/victim-first ] || { echo "package-deb: FAILED: victim-first is $installed"; exit 1; }
[ "$(readlink -f /usr/bin/victim-first)" = /opt/victim-first/victim-first ] ||
    { echo "package-deb: FAILED: /usr/bin/victim-first does not lead to /opt/victim-first"; exit 1; }
victim-first --version
cp "$root/tests/data/cases/da-doubts-adopting.ron" "$work/case.ron"
(cd "$work" && env -u VICTIM_FIRST_GUIDANCE victim-first assess case.ron >"$work/assess.txt")
grep -q "^From:     built into this program" "$work/assess.txt" ||
    { echo "package-deb: FAILED: assess did not use the built-in guidance:"; cat "$work/assess.txt"; exit 1; }
echo "package-deb: assess from /usr/bin on an example case used the built-in guidance"
# A force's folder beside the program is found through the link.
$SUDO mkdir -p /opt/victim-first/guidance/forces
victim-first guidance export "$work/exported" >/dev/null
cp "$work/exported/forces/example-adopting.ron" "$work/force.ron"
sed -i 's/id: "example-adopting"/id: "deb-check-force"/' "$work/force.ron"
$SUDO cp "$work/force.ron" /opt/victim-first/guidance/forces/deb-check-force.ron
(cd "$work" && env -u VICTIM_FIRST_GUIDANCE victim-first lint >"$work/lint.txt" 2>&1) || true
$SUDO rm -rf /opt/victim-first/guidance
grep -q "/opt/victim-first/guidance" "$work/lint.txt" ||
    { echo "package-deb: FAILED: the installed guidance folder was not used:"; cat "$work/lint.txt"; exit 1; }
echo "package-deb: a guidance folder in /opt/victim-first/ is found through /usr/bin/victim-first"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/victim-first.desktop
    echo "package-deb: the desktop entry validates"
else
    echo "package-deb: desktop-file-validate not installed (apt-get install desktop-file-utils); entry not validated"
fi
[ -s /usr/share/icons/hicolor/256x256/apps/victim-first.png ] || { echo "package-deb: FAILED: no icon"; exit 1; }
# The window starts from the desktop entry's command, on a display of its own.
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/victim-first.desktop | sed 's/ %[fFuU]//g')
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
    # In a subshell: scripts/window-env.sh gives it a display, a clean user and
    # a folder of its own, and ends what it started when the subshell ends.
    (
        . scripts/window-env.sh
        cd "$work"
        $exec_line >"$work/window.log" 2>&1 &
        app_pid=$!
        wid=""
        for _ in $(seq 1 150); do
            wid=$(xdotool search --onlyvisible --name '^Victim First$' 2>/dev/null | head -n 1 || true)
            [ -n "$wid" ] && break
            sleep 0.1
        done
        [ -n "$wid" ] || { echo "package-deb: FAILED: \"$exec_line\" opened no window:"; cat "$work/window.log"; exit 1; }
    )
    echo "package-deb: the desktop entry's command ($exec_line) opened the window"
else
    echo "package-deb: no Xvfb or xdotool (scripts/setup.sh); the window was not started"
fi
$SUDO dpkg -r victim-first >/dev/null
[ ! -e /usr/bin/victim-first ] || { echo "package-deb: FAILED: removal left /usr/bin/victim-first"; exit 1; }
echo "package-deb: installed, ran and removed cleanly"
