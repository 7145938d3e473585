//! Every text colour in every theme meets WCAG 2.2 AA (4.5:1) against the
//! background it is drawn on, verdict tags included, computed from the theme's
//! own colours.

use victim_first::gui::settings::ThemeChoice;
use victim_first::gui::theme::{Palette, contrast};

#[test]
fn every_text_colour_meets_wcag_aa_in_every_theme() {
    let mut failures = Vec::new();
    for theme in ThemeChoice::ALL {
        for (what, fg, bg) in Palette::pairs(theme) {
            let ratio = contrast(fg, bg);
            if ratio < 4.5 {
                failures.push(format!("{}: {what} is {ratio:.2}:1", theme.words()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_visuals_use_the_palette() {
    for theme in ThemeChoice::ALL {
        let p = Palette::of(theme);
        let v = Palette::visuals(theme);
        assert_eq!(v.text_color(), p.text);
        assert_eq!(v.weak_text_color(), p.weak_text);
        assert_eq!(v.panel_fill, p.background);
        assert!(contrast(v.text_color(), v.panel_fill) >= 4.5);
        assert!(
            contrast(
                v.widgets.inactive.text_color(),
                v.widgets.inactive.weak_bg_fill
            ) >= 4.5
        );
    }
}

#[test]
fn contrast_matches_known_values() {
    use egui::Color32;
    assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
    // The platform notes' figure for dark red on egui's dark panel.
    let r = contrast(Color32::from_rgb(180, 0, 0), Color32::from_rgb(27, 27, 27));
    assert!((r - 2.4).abs() < 0.1, "{r}");
}
