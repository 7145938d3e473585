//! Light, dark and high-contrast themes, and the verdict colours in each.
//!
//! Every text colour meets WCAG 2.2 AA (4.5:1) against the background it is
//! drawn on; `tests/ui_theme.rs` computes the ratios from these colours.
//! A verdict is a word in a coloured box: the word carries the meaning, the
//! colour only reinforces it.

use egui::{Color32, Stroke, Visuals};

use super::settings::ThemeChoice;
use crate::core::engine::Verdict;

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    pub background: Color32,
    /// Behind windows and popups.
    pub window: Color32,
    /// Behind text fields.
    pub field: Color32,
    /// Behind buttons and other controls.
    pub control: Color32,
    pub text: Color32,
    pub weak_text: Color32,
    pub strong_text: Color32,
    /// Problems and warnings, as text on the background.
    pub error: Color32,
    pub warn: Color32,
    pub link: Color32,
    /// The focus outline.
    pub focus: Color32,
    pub selection: Color32,
    pub selection_text: Color32,
}

/// A verdict's tag: the fill of its box and the text on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    pub fill: Color32,
    pub text: Color32,
}

impl Palette {
    pub fn of(theme: ThemeChoice) -> Self {
        match theme {
            ThemeChoice::Light => Self {
                background: Color32::from_rgb(248, 248, 248),
                window: Color32::from_rgb(255, 255, 255),
                field: Color32::from_rgb(255, 255, 255),
                control: Color32::from_rgb(225, 225, 225),
                text: Color32::from_rgb(11, 12, 12),
                weak_text: Color32::from_rgb(80, 90, 95),
                strong_text: Color32::BLACK,
                error: Color32::from_rgb(170, 20, 20),
                warn: Color32::from_rgb(120, 70, 0),
                link: Color32::from_rgb(20, 70, 160),
                focus: Color32::from_rgb(0, 48, 120),
                selection: Color32::from_rgb(29, 112, 184),
                selection_text: Color32::WHITE,
            },
            ThemeChoice::Dark => Self {
                background: Color32::from_rgb(27, 27, 27),
                window: Color32::from_rgb(32, 32, 32),
                field: Color32::from_rgb(12, 12, 12),
                control: Color32::from_rgb(60, 60, 60),
                text: Color32::from_rgb(225, 225, 225),
                weak_text: Color32::from_rgb(175, 175, 175),
                strong_text: Color32::WHITE,
                error: Color32::from_rgb(255, 130, 120),
                warn: Color32::from_rgb(240, 190, 90),
                link: Color32::from_rgb(140, 190, 255),
                focus: Color32::from_rgb(255, 191, 71),
                selection: Color32::from_rgb(40, 90, 150),
                selection_text: Color32::WHITE,
            },
            ThemeChoice::HighContrast => Self {
                background: Color32::BLACK,
                window: Color32::BLACK,
                field: Color32::BLACK,
                control: Color32::from_rgb(30, 30, 30),
                text: Color32::WHITE,
                weak_text: Color32::from_rgb(230, 230, 230),
                strong_text: Color32::WHITE,
                error: Color32::from_rgb(255, 160, 160),
                warn: Color32::from_rgb(255, 230, 0),
                link: Color32::from_rgb(0, 255, 255),
                focus: Color32::from_rgb(255, 230, 0),
                selection: Color32::from_rgb(255, 230, 0),
                selection_text: Color32::BLACK,
            },
        }
    }

    /// The tag for a verdict in this theme.
    pub fn tag(theme: ThemeChoice, v: Verdict) -> Tag {
        let hc = theme == ThemeChoice::HighContrast;
        let (fill, text) = match v {
            Verdict::Permitted => (Color32::from_rgb(0, 100, 45), Color32::WHITE),
            Verdict::Refused => (Color32::from_rgb(175, 20, 20), Color32::WHITE),
            Verdict::NotRecommended => (Color32::from_rgb(160, 65, 0), Color32::WHITE),
            Verdict::Defer => (Color32::from_rgb(110, 60, 150), Color32::WHITE),
            Verdict::Incomplete => (Color32::from_rgb(255, 200, 60), Color32::BLACK),
            Verdict::NotProposed => (Color32::from_rgb(90, 90, 90), Color32::WHITE),
        };
        if hc {
            // High contrast: black on a bright fill, or white on black with a border.
            return match v {
                Verdict::NotProposed => Tag {
                    fill: Color32::BLACK,
                    text: Color32::WHITE,
                },
                _ => Tag {
                    fill: text_on_bright(fill),
                    text: Color32::BLACK,
                },
            };
        }
        Tag { fill, text }
    }

    /// Every (text, background) pair this theme draws, named, for the contrast test.
    pub fn pairs(theme: ThemeChoice) -> Vec<(String, Color32, Color32)> {
        let p = Self::of(theme);
        let mut out = Vec::new();
        for (bg_name, bg) in [("background", p.background), ("window", p.window)] {
            for (name, fg) in [
                ("text", p.text),
                ("weak text", p.weak_text),
                ("strong text", p.strong_text),
                ("error", p.error),
                ("warning", p.warn),
                ("link", p.link),
            ] {
                out.push((format!("{name} on {bg_name}"), fg, bg));
            }
        }
        out.push(("text in a field".to_owned(), p.text, p.field));
        out.push(("text on a control".to_owned(), p.text, p.control));
        out.push(("selected text".to_owned(), p.selection_text, p.selection));
        // The focus outline is not text: WCAG asks 3:1 for it; it is held to 4.5:1 here too.
        out.push(("focus outline".to_owned(), p.focus, p.background));
        for v in [
            Verdict::NotProposed,
            Verdict::Permitted,
            Verdict::Incomplete,
            Verdict::Defer,
            Verdict::NotRecommended,
            Verdict::Refused,
        ] {
            let t = Self::tag(theme, v);
            out.push((format!("{} tag", v.as_str()), t.text, t.fill));
        }
        out
    }

    /// egui visuals built from the palette.
    pub fn visuals(theme: ThemeChoice) -> Visuals {
        let p = Self::of(theme);
        let mut v = if theme == ThemeChoice::Light {
            Visuals::light()
        } else {
            Visuals::dark()
        };
        v.override_text_color = None;
        v.weak_text_color = Some(p.weak_text);
        v.panel_fill = p.background;
        v.window_fill = p.window;
        v.extreme_bg_color = p.field;
        v.text_edit_bg_color = Some(p.field);
        v.faint_bg_color = p.background;
        v.hyperlink_color = p.link;
        v.warn_fg_color = p.warn;
        v.error_fg_color = p.error;
        v.selection.bg_fill = p.selection;
        v.selection.stroke = Stroke::new(1.0, p.selection_text);
        for w in [
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
            &mut v.widgets.open,
        ] {
            w.fg_stroke.color = p.text;
            w.bg_fill = p.control;
            w.weak_bg_fill = p.control;
        }
        v.widgets.noninteractive.fg_stroke.color = p.text;
        v.widgets.noninteractive.bg_fill = p.background;
        // A thick focus outline that survives every theme (the GOV.UK focus style).
        v.widgets.hovered.bg_stroke = Stroke::new(2.0, p.focus);
        v.widgets.active.bg_stroke = Stroke::new(2.0, p.focus);
        // Every control and field has a visible edge (text fields share the window's fill).
        v.widgets.inactive.bg_stroke = Stroke::new(1.0, p.weak_text);
        if theme == ThemeChoice::HighContrast {
            v.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::WHITE);
            v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, Color32::WHITE);
        }
        v
    }
}

/// A brighter version of a verdict colour, for black text in high contrast.
fn text_on_bright(c: Color32) -> Color32 {
    let lift = |x: u8| 255 - (255 - x) / 3;
    Color32::from_rgb(lift(c.r()), lift(c.g()), lift(c.b()))
}

/// WCAG 2.2 relative luminance of an opaque colour.
pub fn luminance(c: Color32) -> f64 {
    let ch = |x: u8| {
        let s = f64::from(x) / 255.0;
        if s <= 0.040_45 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
}

/// WCAG contrast ratio between two opaque colours, 1.0 to 21.0.
pub fn contrast(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// Applies a theme and text scale to the context.
pub fn apply(ctx: &egui::Context, theme: ThemeChoice, scale: f32) {
    let v = Palette::visuals(theme);
    ctx.set_visuals_of(egui::Theme::Dark, v.clone());
    ctx.set_visuals_of(egui::Theme::Light, v);
    ctx.set_theme(if theme == ThemeChoice::Light {
        egui::Theme::Light
    } else {
        egui::Theme::Dark
    });
    if (ctx.zoom_factor() - scale).abs() > f32::EPSILON {
        ctx.set_zoom_factor(scale);
    }
}
