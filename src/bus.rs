//! What the window may connect to: the local display and the local D-Bus only.
//!
//! The window itself opens no connection, but the libraries under it follow
//! addresses from the environment: the accessibility bridge and the file dialog
//! use the session D-Bus (`DBUS_SESSION_BUS_ADDRESS`, `AT_SPI_BUS_ADDRESS`), and
//! X11 uses `DISPLAY`. An address that points at another machine would carry
//! what the window shows (case details, read out through the accessibility tree)
//! over the network. [`check_environment`] refuses to start the window when one
//! does, before eframe starts. The environment cannot be changed safely once the
//! program runs, so the address is refused rather than removed.

/// D-Bus address variables the window's libraries follow.
const BUS_VARIABLES: [&str; 3] = [
    "DBUS_SESSION_BUS_ADDRESS",
    "AT_SPI_BUS_ADDRESS",
    "DBUS_SYSTEM_BUS_ADDRESS",
];

/// Whether every address in a D-Bus address list (`;`-separated) is local:
/// `unix:` (a socket path or abstract name), or `autolaunch:`, `systemd:` and
/// `launchd:`, which find a local bus. `tcp:`, `nonce-tcp:`, `unixexec:` and
/// anything unknown are not.
pub fn is_local_bus(address: &str) -> bool {
    address
        .split(';')
        .filter(|a| !a.trim().is_empty())
        .all(|a| {
            let transport = a.trim().split(':').next().unwrap_or_default();
            matches!(transport, "unix" | "autolaunch" | "systemd" | "launchd")
        })
}

/// Whether an X11 `DISPLAY` is on this machine: no host (`:0`), `unix`, or the
/// loopback (which is how SSH X forwarding appears, by the user's choice).
pub fn is_local_display(display: &str) -> bool {
    // A host may be a bracketed IPv6 address; the display number follows the last `:`.
    let host = display.rsplit_once(':').map_or("", |(h, _)| h);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    matches!(
        host,
        "" | "unix" | "localhost" | "127.0.0.1" | "::1" | "localhost/unix"
    ) || host.starts_with('/')
}

/// Refuses the window when the environment points its D-Bus or X11 traffic at
/// another machine. The message names the variable, never its value.
pub fn check_environment() -> Result<(), String> {
    for var in BUS_VARIABLES {
        if let Some(value) = std::env::var_os(var)
            && !is_local_bus(&value.to_string_lossy())
        {
            return Err(format!(
                "{var} names a D-Bus that is not on this machine; the window only talks to a local bus. Unset {var} or point it at a unix: socket"
            ));
        }
    }
    if let Some(value) = std::env::var_os("DISPLAY")
        && !is_local_display(&value.to_string_lossy())
    {
        return Err(
            "DISPLAY names a display on another machine; the window only opens on a local display"
                .to_owned(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_buses_pass() {
        assert!(is_local_bus("unix:path=/run/user/1000/bus"));
        assert!(is_local_bus("unix:abstract=/tmp/dbus-x,guid=1;autolaunch:"));
        assert!(!is_local_bus("tcp:host=10.0.0.5,port=1234"));
        assert!(!is_local_bus("unix:path=/run/bus;tcp:host=evil,port=1"));
        assert!(!is_local_bus("nonce-tcp:host=x,port=1"));
        assert!(!is_local_bus("unixexec:path=/bin/sh"));
        assert!(is_local_display(":0"));
        assert!(is_local_display("unix:1.0"));
        assert!(is_local_display("localhost:10.0"));
        assert!(is_local_display("/tmp/launch-x/org.xquartz:0"));
        assert!(!is_local_display("evil.example:0"));
        assert!(!is_local_display("10.0.0.5:0.0"));
    }
}
