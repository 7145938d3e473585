//! A group of radio buttons that is one Tab stop, as in every desktop toolkit
//! and the ARIA radio group pattern: Tab reaches the chosen option (or the
//! first, when none is chosen), the arrow keys move the choice within the
//! group, and Space or a click chooses. egui makes each radio button its own
//! Tab stop, which put the first question fifteen presses away.

use egui::{Atom, IdSalt, IntoAtoms as _, Key, Sense, Vec2, WidgetAtom, WidgetInfo};

use super::widgets;

/// One option: what it says, and its accessible name.
pub struct RadioOption<'a> {
    pub label: &'a str,
    pub name: String,
    /// Shown under the option, when not empty.
    pub help: &'a str,
}

/// What happened to a group this frame.
pub struct Group {
    /// The option chosen this frame (a click, Space, or an arrow key).
    pub chosen: Option<usize>,
    /// The group's one Tab stop, for a link that puts the focus on the group.
    pub stop: Option<egui::Response>,
}

/// Draws the options, `selected` chosen. `id` must be unique to the group.
pub fn group(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    options: &[RadioOption<'_>],
    selected: Option<usize>,
) -> Group {
    let group_id = egui::Id::unique(("victim-first/radio", id));
    let stop_at = selected.unwrap_or(0);
    // After an arrow key moved the choice, the newly chosen option takes the focus.
    let pending = ui.ctx().data_mut(|d| d.remove_temp::<usize>(group_id));
    let mut out = Group {
        chosen: None,
        stop: None,
    };
    let n = options.len();
    for (i, o) in options.iter().enumerate() {
        let stop = i == stop_at;
        let r = option(ui, selected == Some(i), o.label, stop);
        widgets::name(ui, &r, &o.name);
        if pending == Some(i) {
            r.request_focus();
        }
        if r.clicked() && selected != Some(i) {
            out.chosen = Some(i);
        }
        if r.has_focus() {
            // The arrows are the group's own: egui would otherwise move the focus with them.
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    r.id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        ..Default::default()
                    },
                );
            });
            let (next, prev) = ui.input(|inp| {
                (
                    inp.key_pressed(Key::ArrowDown) || inp.key_pressed(Key::ArrowRight),
                    inp.key_pressed(Key::ArrowUp) || inp.key_pressed(Key::ArrowLeft),
                )
            });
            let to = if next {
                Some((i + 1) % n)
            } else if prev {
                Some((i + n - 1) % n)
            } else {
                None
            };
            if let Some(to) = to {
                out.chosen = Some(to);
                ui.ctx().data_mut(|d| d.insert_temp(group_id, to));
            }
            widgets::focus_ring(ui, r.rect);
        }
        if !o.help.is_empty() {
            ui.label(egui::RichText::new(o.help).weak());
        }
        if stop {
            out.stop = Some(r);
        }
    }
    out
}

/// One radio button, drawn as egui draws its own, but a Tab stop only if `stop`.
fn option(ui: &mut egui::Ui, checked: bool, label: &str, stop: bool) -> egui::Response {
    let spacing = ui.spacing();
    let icon_width = spacing.icon_width;
    let mut min_size = Vec2::splat(spacing.interact_size.y);
    min_size.y = min_size.y.max(icon_width);
    let icon = IdSalt::new("victim-first/radio-icon");
    let mut atoms = label.into_atoms();
    atoms.push_left(Atom::custom(icon, Vec2::new(icon_width, min_size.y)));
    let sense = if stop { Sense::click() } else { Sense::CLICK };
    let mut prepared = WidgetAtom::new(atoms)
        .sense(sense)
        .min_size(min_size)
        .allocate(ui);
    prepared.response.widget_info(|| {
        WidgetInfo::selected(egui::Role::RadioButton, ui.is_enabled(), checked, label)
    });
    if !ui.is_rect_visible(prepared.response.rect) {
        return prepared.response;
    }
    let visuals = *ui.style().interact(&prepared.response);
    prepared.fallback_text_color = visuals.text_color();
    let drawn = prepared.paint(ui);
    if let Some(rect) = drawn.rect(icon) {
        let (small, big) = ui.spacing().icon_rectangles(rect);
        let painter = ui.painter();
        painter.circle(
            big.center(),
            big.width() * 0.5 + visuals.expansion,
            visuals.bg_fill,
            visuals.bg_stroke,
        );
        if checked {
            painter.circle_filled(small.center(), small.width() / 3.0, visuals.fg_stroke.color);
        }
    }
    drawn.response
}
