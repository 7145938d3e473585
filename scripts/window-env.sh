# Sourced by the scripts that drive the real window: a private Xvfb display,
# a private D-Bus session with accessibility on, and a clean user (no settings,
# no guidance folder, drafts in the work folder). Sets $work, $display and
# cleans everything up on exit. Needs what scripts/setup.sh installs.
work=$(mktemp -d)
chmod 700 "$work"
mkdir -p "$work/home" "$work/out"
n=80
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
display=":$n"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -S "/tmp/.X11-unix/X$n" ] && break; sleep 0.05; done
app_pid=""
dbus_pid=""
cleanup() {
    kill $app_pid $dbus_pid $xvfb_pid 2>/dev/null || true
    pkill -f "zenity --file-selection" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" XDG_RUNTIME_DIR="$work"
export DISPLAY="$display"
unset WAYLAND_DISPLAY VICTIM_FIRST_GUIDANCE VICTIM_FIRST_SETTINGS VICTIM_FIRST_DRAFTS
dbus-daemon --session --address="unix:path=$work/bus" --nofork --nopidfile >/dev/null 2>&1 &
dbus_pid=$!
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/bus"
for _ in $(seq 1 50); do [ -S "$work/bus" ] && break; sleep 0.1; done
dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true >/dev/null
