//! Small drawing helpers shared by the views: verdict tags, rule links,
//! grouped warnings, and accessible names for controls.

use egui::accesskit::Role;

use crate::core::changes::ChangeShown;
use crate::core::record::{Blocker, Field};
use crate::core::wizard::About;
use egui::{Color32, RichText};

use super::settings::ThemeChoice;
use super::state::Action;
use super::theme::Palette;
use crate::core::engine::{Assessment, Reason, Verdict};
use crate::core::report;

/// A verdict as an officer reads it.
pub fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::NotProposed => "Not proposed",
        Verdict::Permitted => "Permitted",
        Verdict::Incomplete => "Incomplete",
        Verdict::Defer => "Defer",
        Verdict::NotRecommended => "Not recommended",
        Verdict::Refused => "Refused",
    }
}

/// A verdict as a word in a coloured box (the word carries the meaning).
pub fn verdict_tag(ui: &mut egui::Ui, theme: ThemeChoice, v: Verdict) {
    let tag = Palette::tag(theme, v);
    egui::Frame::new()
        .fill(tag.fill)
        .stroke(egui::Stroke::new(1.0, tag.text))
        .inner_margin(egui::Margin::symmetric(6, 2))
        .corner_radius(3.0)
        .show(ui, |ui| {
            ui.label(
                RichText::new(verdict_word(v).to_uppercase())
                    .strong()
                    .color(tag.text),
            );
        });
}

/// Gives a widget an accessible name other than its visible text.
pub fn name(ui: &egui::Ui, resp: &egui::Response, label: &str) {
    ui.ctx().accesskit_node_builder(resp.id, |node| {
        node.set_label(label.to_owned());
    });
}

/// Says a chooser's current value where every screen reader finds it: as its
/// accessible description (AT-SPI reads a combo box's name from its label, and
/// the adapter does not pass on a string value).
pub fn describe_value(ui: &egui::Ui, resp: &egui::Response, value: &str) {
    ui.ctx().accesskit_node_builder(resp.id, |node| {
        node.set_description(value.to_owned());
    });
}

/// A heading that screen readers announce as a heading.
pub fn heading(ui: &mut egui::Ui, text: &str) -> egui::Response {
    // Focusable, so that a screen or step can open with its heading focused and
    // a screen reader announces where the officer has arrived.
    let r = ui.add(
        egui::Label::new(RichText::new(text).heading())
            .selectable(false)
            .sense(egui::Sense::focusable_noninteractive()),
    );
    ui.ctx().accesskit_node_builder(r.id, |node| {
        node.set_role(Role::Heading);
        node.set_label(text.to_owned());
    });
    if take_focus_heading(ui.ctx()) {
        r.request_focus();
    }
    if r.has_focus() {
        focus_ring(ui, r.rect);
    }
    r
}

/// The id under which the frame remembers that the first heading it draws takes the focus.
fn focus_heading_id() -> egui::Id {
    egui::Id::unique("victim-first/focus-heading")
}

/// Says whether the first heading drawn this frame should take the focus
/// (the officer has just arrived on a screen or step), for [`heading`].
pub fn set_focus_heading(ctx: &egui::Context, on: bool) {
    ctx.data_mut(|d| {
        d.insert_temp(focus_heading_id(), on);
        d.insert_temp(arrived_id(), on);
    });
}

fn arrived_id() -> egui::Id {
    egui::Id::unique("victim-first/arrived")
}

/// Whether the officer arrived on this screen or step this frame: a screen
/// whose first duty is something other than its heading (the review step's
/// error summary) takes the focus after the heading has.
pub fn arrived(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(arrived_id()))
        .unwrap_or(false)
}

fn take_focus_heading(ctx: &egui::Context) -> bool {
    ctx.data_mut(|d| d.remove_temp::<bool>(focus_heading_id()))
        .unwrap_or(false)
}

fn skip_id() -> egui::Id {
    egui::Id::unique("victim-first/skip")
}

/// Says whether the first question drawn this frame takes the focus (the
/// officer followed the "Skip to the questions" link).
pub fn set_skip(ctx: &egui::Context, on: bool) {
    ctx.data_mut(|d| d.insert_temp(skip_id(), on));
}

/// Whether this control, the first question's, should take the focus now.
pub fn take_skip(ctx: &egui::Context) -> bool {
    ctx.data_mut(|d| d.remove_temp::<bool>(skip_id()))
        .unwrap_or(false)
}

/// The id under which the frame keeps the field the error summary sent the officer to.
fn focus_field_id() -> egui::Id {
    egui::Id::unique("victim-first/focus-field")
}

/// The id under which the frame keeps what blocks completion, for [`field`].
fn blockers_id() -> egui::Id {
    egui::Id::unique("victim-first/blockers")
}

/// For this frame: the field to focus (if the officer followed a link in the
/// error summary) and what blocks completion (empty until the officer has seen
/// the review step, so that a new case is not covered in errors).
pub fn set_field_context(ctx: &egui::Context, focus: Option<Field>, blockers: Vec<Blocker>) {
    ctx.data_mut(|d| {
        if let Some(f) = focus {
            d.insert_temp(focus_field_id(), f);
        } else {
            d.remove::<Field>(focus_field_id());
        }
        d.insert_temp(blockers_id(), std::sync::Arc::new(blockers));
    });
}

fn changes_id() -> egui::Id {
    egui::Id::unique("victim-first/changes")
}

/// For this frame: the changes to earlier answers, for [`change_notice`].
pub fn set_changes(ctx: &egui::Context, changes: Vec<ChangeShown>) {
    ctx.data_mut(|d| d.insert_temp(changes_id(), std::sync::Arc::new(changes)));
}

/// Under a question whose answer was changed after it was given: what changed,
/// from what to what, when, and which verdicts and required actions it altered.
pub fn change_notice(ui: &mut egui::Ui, about: About, fact: &str) {
    let changes = ui
        .ctx()
        .data(|d| d.get_temp::<std::sync::Arc<Vec<ChangeShown>>>(changes_id()))
        .unwrap_or_default();
    let Some(c) = changes.iter().find(|c| c.about == about && c.fact == fact) else {
        return;
    };
    let or_none = |s: &str| {
        if s.is_empty() {
            "no answer".to_owned()
        } else {
            format!("\u{201c}{s}\u{201d}")
        }
    };
    let mut text = format!(
        "Changed ({}): from {} to {}.",
        c.at,
        or_none(&c.from),
        or_none(&c.to)
    );
    match &c.altered {
        Some(lines) if lines.is_empty() => {
            text.push_str(" It changed no verdict and no required action.");
        }
        Some(lines) => {
            text.push_str(" It changed: ");
            text.push_str(&lines.join("; "));
            text.push('.');
        }
        None => text.push_str(" (Recorded in the case file.)"),
    }
    let stroke = ui.visuals().warn_fg_color;
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, stroke))
        .inner_margin(6)
        .show(ui, |ui| {
            let r = ui.label(&text);
            name(ui, &r, &text);
        });
}

/// Drawn after the control for field `f` (`r`): takes the focus if the error
/// summary sent the officer here, and shows, beside it, the message of anything
/// about this field that blocks completion.
pub fn field(ui: &mut egui::Ui, r: &egui::Response, f: &Field) {
    let ctx = ui.ctx().clone();
    let wanted = ctx.data(|d| d.get_temp::<Field>(focus_field_id()));
    if wanted.as_ref() == Some(f) {
        r.request_focus();
        r.scroll_to_me(Some(egui::Align::Center));
        ctx.data_mut(|d| d.remove::<Field>(focus_field_id()));
    }
    let blockers = ctx
        .data(|d| d.get_temp::<std::sync::Arc<Vec<Blocker>>>(blockers_id()))
        .unwrap_or_default();
    for b in blockers.iter().filter(|b| b.field == *f) {
        let colour = ui.visuals().error_fg_color;
        ui.label(RichText::new(format!("Error: {}", b.message)).color(colour));
    }
}

/// A 2-point outline in the theme's focus colour (3:1 or more against every
/// background, `tests/ui_theme.rs`) around a control that has the focus.
pub fn focus_ring(ui: &egui::Ui, rect: egui::Rect) {
    let colour = ui.visuals().widgets.active.bg_stroke.color;
    ui.painter().rect_stroke(
        rect.expand(3.0),
        2.0,
        egui::Stroke::new(2.0, colour),
        egui::StrokeKind::Outside,
    );
}

/// A smaller heading.
pub fn subheading(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let r = ui.label(RichText::new(text).strong().size(16.0));
    ui.ctx().accesskit_node_builder(r.id, |node| {
        node.set_role(Role::Heading);
        node.set_label(text.to_owned());
    });
    r
}

/// Rule ids as buttons: one click opens the rule's explanation, source and certainty.
pub fn rule_links(ui: &mut egui::Ui, rules: &[String], actions: &mut Vec<Action>) {
    for r in rules {
        let b = ui.small_button(r.as_str());
        name(ui, &b, &format!("Rule {r}"));
        if b.on_hover_text("Show what this rule says and where it comes from")
            .clicked()
        {
            actions.push(Action::ShowRule(Some(r.clone())));
        }
    }
}

/// The decisions behind a verdict, each with its rule ids; outweighed ones marked.
pub fn reasons(ui: &mut egui::Ui, verdict: Verdict, reasons: &[Reason], actions: &mut Vec<Action>) {
    for r in reasons {
        let outweighed = r.verdict.is_some_and(|v| v < verdict);
        ui.horizontal_wrapped(|ui| {
            if let (true, Some(own)) = (outweighed, r.verdict) {
                // Say what outweighs it: the stricter reasons listed above it.
                ui.label(
                    RichText::new(format!(
                        "{} (On its own this reason gives {}; a stricter reason above gives {}, which is the verdict.)",
                        r.message,
                        crate::core::report::verdict_heading(own),
                        crate::core::report::verdict_heading(verdict)
                    ))
                    .weak(),
                );
            } else {
                ui.label(&r.message);
            }
            rule_links(ui, &r.rules, actions);
        });
    }
}

/// Warnings and notes about one thing, grouped and counted by kind, each group
/// one click from its full text. Nothing is left out; set-aside notes are shown elsewhere.
pub fn notices(
    ui: &mut egui::Ui,
    a: &Assessment,
    about: &str,
    shown: &[Reason],
    actions: &mut Vec<Action>,
) {
    let list: Vec<_> = a
        .warnings
        .iter()
        .chain(&a.notes)
        .filter(|n| n.about == about && n.kind != "set_aside")
        .filter(|n| {
            !shown
                .iter()
                .any(|r| r.decision == n.decision && !n.decision.is_empty())
        })
        .collect();
    if list.is_empty() {
        return;
    }
    let mut kinds: Vec<&str> = list.iter().map(|n| n.kind.as_str()).collect();
    kinds.dedup();
    kinds.sort_unstable();
    kinds.dedup();
    for kind in kinds {
        let of_kind: Vec<_> = list.iter().filter(|n| n.kind == kind).collect();
        let head = format!("{} ({})", report::notice_heading(kind), of_kind.len());
        egui::CollapsingHeader::new(RichText::new(head).strong())
            .id_salt(("notices", about, kind))
            .show(ui, |ui| {
                for n in of_kind {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(&n.message);
                        rule_links(ui, &n.rules, actions);
                    });
                }
            });
    }
}

/// A row of label and value in a two-column grid, "(none)" when empty.
pub fn facts_grid(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    rows: &[(String, String)],
) {
    egui::Grid::new(id).num_columns(2).show(ui, |ui| {
        for (name, value) in rows {
            ui.label(RichText::new(name).weak());
            ui.label(if value.is_empty() {
                "(none)"
            } else {
                value.as_str()
            });
            ui.end_row();
        }
    });
}

/// A message box in the error colour.
/// A message in a red box. Focusable, and read as an alert, so that a screen
/// can put the focus on it (the review step's error summary).
pub fn alert(ui: &mut egui::Ui, theme: ThemeChoice, text: &str) -> egui::Response {
    let p = Palette::of(theme);
    let r = egui::Frame::new()
        .stroke(egui::Stroke::new(2.0, p.error))
        .inner_margin(8)
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(RichText::new(text).color(p.error))
                    .selectable(false)
                    .sense(egui::Sense::focusable_noninteractive()),
            )
        })
        .inner;
    ui.ctx().accesskit_node_builder(r.id, |node| {
        node.set_role(Role::Alert);
        node.set_label(text.to_owned());
    });
    if r.has_focus() {
        focus_ring(ui, r.rect);
    }
    r
}

/// A bordered box.
pub fn card<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, stroke.color))
        .inner_margin(10)
        .corner_radius(4.0)
        .show(ui, add)
        .inner
}

/// The colour for text about problems in the theme.
pub fn error_colour(theme: ThemeChoice) -> Color32 {
    Palette::of(theme).error
}

/// The story in its three voices; `scale` enlarges the text (the presenter).
pub fn narrative(ui: &mut egui::Ui, n: &crate::core::scenario::Narrative, scale: f32) {
    for (who, said) in [
        ("What the person said", &n.person_said),
        ("What the call handler noted", &n.call_handler),
        ("What a colleague proposes", &n.colleague_proposes),
    ] {
        if said.trim().is_empty() {
            continue;
        }
        ui.label(egui::RichText::new(who).strong().size(15.0 * scale));
        ui.label(egui::RichText::new(said.as_str()).size(14.0 * scale));
        ui.add_space(4.0 * scale);
    }
}
