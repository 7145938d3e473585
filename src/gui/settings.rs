//! The officer's settings: pack, force profile, theme, text size, window size,
//! and the recent case files (their paths and when each was last opened or
//! saved, nothing from inside them). Persisted in the user's configuration
//! folder. Never case data: no answers, names or decisions are written here.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
    HighContrast,
}

impl ThemeChoice {
    pub const ALL: [Self; 3] = [Self::Light, Self::Dark, Self::HighContrast];

    pub fn words(self) -> &'static str {
        match self {
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::HighContrast => "High contrast",
        }
    }
}

/// What is remembered between sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The national pack chosen last.
    pub pack: Option<String>,
    /// The force profile chosen last.
    pub profile: Option<String>,
    pub theme: ThemeChoice,
    /// 1.0 to 2.0.
    pub text_scale: f32,
    /// The window's inner size in points.
    pub window: Option<[f32; 2]>,
    /// Case files opened or saved lately, newest first (at most [`RECENT`]).
    pub recent: Vec<RecentCase>,
}

/// How many recent case files are remembered.
pub const RECENT: usize = 8;

/// A case file opened or saved lately: where, and when (RFC 3339 UTC).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecentCase {
    pub path: String,
    pub at: String,
}

impl Settings {
    /// Puts `path` first among the recent cases, at `at`.
    pub fn remember_case(&mut self, path: &str, at: &str) {
        self.recent.retain(|r| r.path != path);
        self.recent.insert(
            0,
            RecentCase {
                path: path.to_owned(),
                at: at.to_owned(),
            },
        );
        self.recent.truncate(RECENT);
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            pack: None,
            profile: None,
            theme: ThemeChoice::Light,
            text_scale: 1.0,
            window: None,
            recent: Vec::new(),
        }
    }
}

/// Where settings live: `$VICTIM_FIRST_SETTINGS`, else the platform's place for
/// a user's settings: `$XDG_CONFIG_HOME/victim-first/settings.ron`, else
/// `~/.config/victim-first/settings.ron` (Linux and other Unix);
/// `%APPDATA%\victim-first\settings.ron` (Windows: the roaming profile, the
/// user's own folder, which the user alone may read).
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VICTIM_FIRST_SETTINGS") {
        return Some(PathBuf::from(p));
    }
    Some(
        config_dir()?
            .join(env!("CARGO_PKG_NAME"))
            .join("settings.ron"),
    )
}

#[cfg(not(windows))]
fn config_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
}

#[cfg(windows)]
fn config_dir() -> Option<PathBuf> {
    std::env::var_os("APPDATA")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

/// Reads the settings; anything missing or unreadable gives the defaults.
pub fn load() -> Settings {
    path()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| ron::from_str(&t).ok())
        .unwrap_or_default()
}

/// Writes the settings atomically. Failure is not worth interrupting an officer for.
pub fn save(s: &Settings) {
    let Some(p) = path() else {
        return;
    };
    if let Ok(text) = ron::ser::to_string_pretty(s, ron::ser::PrettyConfig::default()) {
        if let Some(dir) = p.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = super::files::write_atomically(&p, text.as_bytes());
    }
}
