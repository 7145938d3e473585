# Sourced by every script that drives the real window: a private Xvfb display,
# a private D-Bus session with accessibility on, and a clean user (no settings,
# no guidance folder, drafts in the work folder). Sets $work (a private folder
# with home/ and out/), $display and $DISPLAY, and on exit ends only what it
# started, by process id: the app ($app_pid, if the script sets it), D-Bus,
# Xvfb, and any file dialog (zenity) that the app left on this display.
#
# Set before sourcing, if needed:
#   window_screen=WxH        the screen size (default 1280x900)
#   window_accessibility=off leave the accessibility bus off (benchmarks)
#   window_cleanup=NAME      a function of the script's own, run first on exit
# Needs what scripts/setup.sh installs.
work=$(mktemp -d)
chmod 700 "$work"
mkdir -p "$work/home" "$work/out"
app_pid=""
dbus_pid=""
xvfb_pid=""

window_env_cleanup() {
    if [ -n "${window_cleanup:-}" ]; then "$window_cleanup" || true; fi
    # shellcheck disable=SC2086
    kill $app_pid $dbus_pid 2>/dev/null || true
    # A file dialog the app opened outlives it: end those on this display only.
    local p
    for p in $(pgrep -x zenity 2>/dev/null || true); do
        if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "DISPLAY=$display"; then
            kill "$p" 2>/dev/null || true
        fi
    done
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null || true
        # Wait until it has gone, so that the next script never meets its socket.
        wait "$xvfb_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap window_env_cleanup EXIT

# Xvfb picks a free display itself and writes its number when it is ready to
# take connections: no guessing at free numbers, no race with another display.
Xvfb -displayfd 3 -screen 0 "${window_screen:-1280x900}x24" -nolisten tcp \
    3>"$work/display-number" >/dev/null 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 1 200); do
    [ -s "$work/display-number" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || break
    sleep 0.05
done
if [ ! -s "$work/display-number" ]; then
    echo "window-env: Xvfb did not start:" >&2
    cat "$work/xvfb.log" >&2
    exit 1
fi
display=":$(head -n 1 "$work/display-number")"

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" XDG_RUNTIME_DIR="$work"
export DISPLAY="$display"
unset WAYLAND_DISPLAY VICTIM_FIRST_GUIDANCE VICTIM_FIRST_SETTINGS VICTIM_FIRST_DRAFTS
dbus-daemon --session --address="unix:path=$work/bus" --nofork --nopidfile >/dev/null 2>&1 &
dbus_pid=$!
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/bus"
for _ in $(seq 1 50); do [ -S "$work/bus" ] && break; sleep 0.1; done
if [ "${window_accessibility:-on}" != off ]; then
    dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
        org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true >/dev/null
fi
