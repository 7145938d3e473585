#!/usr/bin/env bash
# Proof of no network (issue 19): every command-line path, and the real window
# under Xvfb for a few seconds, run under `strace -f -e trace=network`.
#
# - The command line (lint, assess and assess --json on an example case, note in
#   every format, verify of each note, guidance export) may make no network
#   system call at all: not even a local socket.
# - The window may use AF_UNIX sockets only, and connect or send only to the
#   local X display's socket, the session D-Bus socket, or a socket in the
#   user's own runtime folder ($XDG_RUNTIME_DIR: the accessibility bus that
#   at-spi2 starts there), or glibc's name-service cache daemon (nscd, below).
#   Any other address family (AF_INET, AF_INET6,
#   AF_NETLINK, AF_PACKET, ...) or any other address fails the run.
#
# nscd: Mesa's OpenGL driver looks up the user's home folder (getpwuid_r, for its
# shader cache) while the window's GL context is made, and glibc first asks the
# local name-service cache daemon through /var/run/nscd/socket (a file on this
# machine; absent here, so the call fails). That is the operating system's own
# account lookup, which every program that asks for a home folder makes.
#
# AF_NETLINK is refused too, although it only reaches the local kernel: the one
# common user of it in a program like this is glibc's getaddrinfo (asking which
# interfaces are up before a name lookup), so seeing it means something tried to
# look a name up. The window does not need it (none is seen on Debian 12 with
# Mesa's software renderer); a platform where it appears deserves a look first.
#
# Usage: scripts/no-network.sh [BINARY]. Without BINARY, the release binary the
# smoke test built (target/release/victim-first, or under $CARGO_TARGET_DIR),
# built first if absent. Needs strace, xvfb, dbus and at-spi2-core
# (scripts/setup.sh). Exits 1 with the offending lines on any network use.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin=${1:-${CARGO_TARGET_DIR:-target}/release/victim-first}
if [ ! -x "$bin" ]; then
    cargo build --release --locked
fi
bin=$(realpath "$bin")
case_file="$root/tests/data/cases/da-doubts-adopting.ron"
note_case="$root/tests/data/notes/da-completed.ron"

# A private display, D-Bus and a clean user (no settings, no guidance folder),
# as in the smoke test; the traces are kept on request.
keep_traces() { [ -z "${NO_NETWORK_KEEP:-}" ] || cp -r "$work/traces" "$NO_NETWORK_KEEP"; }
window_cleanup=keep_traces
. scripts/window-env.sh
mkdir -p "$work/traces"

if ! strace -f -e trace=network -o "$work/traces/probe" /bin/true 2>"$work/probe.err"; then
    echo "no-network: FAILED: strace cannot trace here:"; cat "$work/probe.err"; exit 1
fi

failed=0
# Runs one command under strace in $work/out; the trace goes to traces/NAME.
traced() {
    local name=$1; shift
    if ! (cd "$work/out" && strace -f -e trace=network -o "$work/traces/$name" "$@" \
            >"$work/traces/$name.stdout" 2>"$work/traces/$name.stderr"); then
        echo "no-network: FAILED: $name exited with an error:"
        cat "$work/traces/$name.stderr"
        failed=1
    fi
}

# ---- the command line: no network system call at all ----
traced lint "$bin" lint
traced lint-folder "$bin" lint "$root/guidance"
traced assess "$bin" assess "$case_file"
traced assess-json "$bin" assess "$case_file" --json
for fmt in txt md json pdf; do
    traced "note-$fmt" "$bin" note "$note_case" --format "$fmt" --out "$work/out/note.$fmt"
    traced "verify-$fmt" "$bin" verify "$work/out/note.$fmt"
done
traced guidance-export "$bin" guidance export "$work/out/exported"
[ -f "$work/out/exported/national.sha256" ] || { echo "no-network: FAILED: guidance export wrote nothing"; failed=1; }

cli_runs=0
cli_failed=$failed
for t in "$work"/traces/*; do
    case $t in *.stdout|*.stderr|*/probe|*/window) continue ;; esac
    cli_runs=$((cli_runs + 1))
    # strace's own closing lines ("+++ exited with 0 +++") are not calls.
    calls=$(grep -vE '^[0-9]+ +(\+\+\+|---)' "$t" || true)
    if [ -n "$calls" ]; then
        echo "no-network: FAILED: $(basename "$t") made network system calls:"
        echo "$calls" | head -n 20
        cli_failed=1
    fi
done
if [ "$cli_failed" -eq 0 ]; then
    echo "no-network: $cli_runs command-line runs made no network system call"
fi
failed=$cli_failed

# ---- the window: local X display and local D-Bus only ----
# The window with an example case open, for 5 seconds; `timeout` ends it.
cp "$case_file" "$work/out/window-case.ron"
set +e
(cd "$work/out" && strace -f -e trace=network -o "$work/traces/window" \
    timeout -s TERM 5 "$bin" gui --case window-case.ron >"$work/window.log" 2>&1)
status=$?
set -e
if [ "$status" -ne 124 ]; then
    echo "no-network: FAILED: the window did not stay open for 5 seconds (exit $status):"
    cat "$work/window.log"
    failed=1
fi

# Every address family the trace names, and every address the window connected
# or sent to. A call split by strace ("<unfinished ...>") carries its
# arguments on its first line, so reading line by line sees them.
x_socket="/tmp/.X11-unix/X${display#:}"
window_ok=1
bad=$(grep -E 'AF_|sa_family=' "$work/traces/window" | grep -vE '\+\+\+|---' |
    grep -oE '(socket|socketpair)\(AF_[A-Z0-9]+|sa_family=AF_[A-Z0-9]+' |
    grep -vE '\(AF_(UNIX|LOCAL)$|=AF_(UNIX|LOCAL)$' | sort | uniq -c || true)
if [ -n "$bad" ]; then
    echo "no-network: FAILED: the window used a socket that is not AF_UNIX:"
    echo "$bad"
    grep -E 'AF_INET|AF_INET6|AF_NETLINK|AF_PACKET' "$work/traces/window" | grep -vE 'AF_UNIX' | head -n 10
    window_ok=0
fi
# The AF_UNIX addresses connected, sent or bound to: a path, or an abstract
# name (shown as @"...").
paths=$(grep -E '(connect|sendto|sendmsg|bind)\(' "$work/traces/window" |
    grep -oE 'sun_path=@?"[^"]*"' | sed -E 's/^sun_path=@?"//; s/"$//' | sort -u || true)
while IFS= read -r p; do
    [ -z "$p" ] && continue
    case $p in
        "$x_socket" | "$work/bus" | "$work"/* | /var/run/nscd/socket | /run/nscd/socket) ;;
        *) echo "no-network: FAILED: the window reached a local socket it has no need of: $p"; window_ok=0 ;;
    esac
done <<<"$paths"
# Sanity: the trace did see the window reach its display, so tracing worked.
if ! grep -q "$x_socket" "$work/traces/window"; then
    echo "no-network: FAILED: the trace never saw the window connect to $x_socket; is strace following threads?"
    window_ok=0
fi
if [ "$window_ok" -eq 1 ]; then
    echo "no-network: the window (5 s, a case open, accessibility on) used only AF_UNIX sockets, to:"
    echo "$paths" | sed "s|$work|\$XDG_RUNTIME_DIR|; s/^/    /"
else
    failed=1
fi

if [ "$failed" -ne 0 ]; then
    echo "no-network: FAILED"
    exit 1
fi
echo "no-network: passed"
