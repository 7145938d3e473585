//! A class's results at a glance (issue 18): the score distribution, the steps
//! and rules most often missed, drawn as bar charts with egui's painter, each
//! trainee's score, and the CSV export. The figures come from
//! `core::scenario::results::Class`; this file only draws them.

use egui::{Color32, RichText, Sense, Stroke, vec2};

use super::state::{Action, GuiState, TrainingAction, View};
use super::{theme, widgets};
use crate::core::scenario::feedback;
use crate::core::scenario::results::TraineeResult;

/// The bins of the score distribution, in words.
pub const BINS: [&str; 10] = [
    "0–9%",
    "10–19%",
    "20–29%",
    "30–39%",
    "40–49%",
    "50–59%",
    "60–69%",
    "70–79%",
    "80–89%",
    "90–100%",
];

fn act(actions: &mut Vec<Action>, a: TrainingAction) {
    actions.push(Action::Training(a));
}

/// Opening a folder of results: the dialog, or a path typed in.
pub fn open_controls(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    widgets::subheading(ui, "A class's results");
    ui.label("Each trainee exports a result file at the end of a scenario. Put them in one folder and open it to see the class at a glance.");
    ui.horizontal_wrapped(|ui| {
        let r = ui.button("Open a folder of results…");
        widgets::name(ui, &r, "Open a folder of results…");
        if r.clicked() {
            act(actions, TrainingAction::OpenClass);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Folder of results");
        let mut folder = state.training.folder.clone();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut folder)
                    .id_salt("training-folder")
                    .desired_width(360.0),
            )
            .labelled_by(l.id);
        widgets::name(ui, &r, "Folder of results");
        if r.changed() {
            act(actions, TrainingAction::SetFolder(folder));
        }
        let b = ui.button("Read the folder");
        widgets::name(ui, &b, "Read the folder");
        if b.clicked() || (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
            act(actions, TrainingAction::ReadFolder);
        }
    });
}

/// Horizontal bars: a label, a bar as long as its share of the largest, and the count.
/// The chart is one item for a screen reader, named by `name` and every figure.
pub fn bars(ui: &mut egui::Ui, name: &str, rows: &[(String, usize)], colour: Color32) {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let label_w = 270.0;
    let width = ui.available_width().clamp(400.0, 860.0);
    #[allow(
        clippy::cast_precision_loss,
        reason = "a handful of rows, drawn as pixels"
    )]
    let height = row_h * rows.len().max(1) as f32;
    let (rect, resp) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let words: Vec<String> = rows.iter().map(|(l, n)| format!("{l}: {n}")).collect();
    widgets::name(ui, &resp, &format!("{name}. {}", words.join("; ")));
    let painter = ui.painter_at(rect);
    // A long label is cut at its column rather than drawn under its bar.
    let labels = ui.painter_at(egui::Rect::from_min_size(
        rect.min,
        vec2(label_w - 8.0, rect.height()),
    ));
    let text = ui.visuals().text_color();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let bar_w = rect.width() - label_w - 50.0;
    for (i, (label, n)) in rows.iter().enumerate() {
        #[allow(
            clippy::cast_precision_loss,
            reason = "counts of a class, drawn as pixels"
        )]
        let (y, share) = (rect.top() + row_h * i as f32, *n as f32 / max as f32);
        labels.text(
            egui::pos2(rect.left(), y + row_h / 2.0),
            egui::Align2::LEFT_CENTER,
            label,
            font.clone(),
            text,
        );
        let bar = egui::Rect::from_min_size(
            egui::pos2(rect.left() + label_w, y + 3.0),
            vec2((bar_w * share).max(1.0), row_h - 6.0),
        );
        painter.rect_filled(bar, 2.0, colour);
        painter.rect_stroke(bar, 2.0, Stroke::new(1.0, text), egui::StrokeKind::Inside);
        painter.text(
            egui::pos2(bar.right() + 6.0, y + row_h / 2.0),
            egui::Align2::LEFT_CENTER,
            n.to_string(),
            font.clone(),
            text,
        );
    }
}

/// Vertical bars: the score distribution, one bar per tenth.
pub fn columns(ui: &mut egui::Ui, name: &str, counts: &[usize; 10], colour: Color32) {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let width = ui.available_width().clamp(300.0, 760.0);
    let height = 180.0;
    let (rect, resp) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let words: Vec<String> = BINS
        .iter()
        .zip(counts)
        .map(|(b, n)| format!("{b}: {n}"))
        .collect();
    widgets::name(ui, &resp, &format!("{name}. {}", words.join("; ")));
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let small = egui::TextStyle::Small.resolve(ui.style());
    let label_h = 34.0;
    let plot_h = height - label_h - 16.0;
    let col_w = rect.width() / 10.0;
    painter.line_segment(
        [
            egui::pos2(rect.left(), rect.top() + 16.0 + plot_h),
            egui::pos2(rect.right(), rect.top() + 16.0 + plot_h),
        ],
        Stroke::new(1.0, text),
    );
    for (i, (bin, n)) in BINS.iter().zip(counts).enumerate() {
        #[allow(
            clippy::cast_precision_loss,
            reason = "ten bins and a class's counts, drawn as pixels"
        )]
        let (x, h) = (
            rect.left() + col_w * i as f32,
            plot_h * (*n as f32 / max as f32),
        );
        let base = rect.top() + 16.0 + plot_h;
        if *n > 0 {
            let bar = egui::Rect::from_min_max(
                egui::pos2(x + col_w * 0.15, base - h),
                egui::pos2(x + col_w * 0.85, base),
            );
            painter.rect_filled(bar, 2.0, colour);
            painter.rect_stroke(bar, 2.0, Stroke::new(1.0, text), egui::StrokeKind::Inside);
        }
        painter.text(
            egui::pos2(x + col_w / 2.0, base - h - 2.0),
            egui::Align2::CENTER_BOTTOM,
            n.to_string(),
            small.clone(),
            text,
        );
        painter.text(
            egui::pos2(x + col_w / 2.0, base + 4.0),
            egui::Align2::CENTER_TOP,
            *bin,
            small.clone(),
            text,
        );
    }
}

/// The class summary.
pub fn show(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    widgets::heading(ui, "The class's results");
    let Some(c) = &state.training.class else {
        open_controls(ui, state, actions);
        return;
    };
    let colours = theme::Palette::of(state.theme());
    let n = c.class.results.len();
    let total: usize = c.class.results.iter().map(TraineeResult::percent).sum();
    let summary = format!(
        "{n} result{} from {}{}",
        if n == 1 { "" } else { "s" },
        c.folder,
        total
            .checked_div(n)
            .map(|avg| format!("; average score {avg}%"))
            .unwrap_or_default()
    );
    ui.label(RichText::new(&summary).size(16.0));
    for p in &c.problems {
        ui.label(RichText::new(p.as_str()).color(colours.error));
    }
    ui.add_space(8.0);
    widgets::subheading(ui, "Score distribution");
    columns(
        ui,
        "Score distribution",
        &c.class.distribution,
        colours.link,
    );
    ui.add_space(8.0);
    widgets::subheading(ui, "The steps most often missed");
    let steps: Vec<(String, usize)> = c
        .class
        .missed_steps
        .iter()
        .map(|(s, n)| {
            let heading = state
                .guidance
                .as_ref()
                .map_or_else(|_| s.clone(), |g| feedback::heading(g, s));
            (heading, *n)
        })
        .collect();
    if steps.is_empty() {
        ui.label("No step was missed.");
    } else {
        bars(ui, "The steps most often missed", &steps, colours.warn);
    }
    ui.add_space(8.0);
    widgets::subheading(ui, "The rules most often missed");
    let rules: Vec<(String, usize)> = c.class.missed_rules.iter().take(10).cloned().collect();
    if rules.is_empty() {
        ui.label("No rule was missed.");
    } else {
        bars(ui, "The rules most often missed", &rules, colours.error);
    }
    ui.add_space(8.0);
    widgets::subheading(ui, "Each trainee");
    egui::Grid::new("class-results")
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("Trainee").strong());
            ui.label(RichText::new("Scenario").strong());
            ui.label(RichText::new("Score").strong());
            ui.end_row();
            for r in &c.class.results {
                let (right, all) = r.score();
                ui.label(r.trainee.as_str());
                ui.label(r.scenario.as_str());
                let text = format!("{right} of {all} ({}%)", r.percent());
                let l = ui.label(&text);
                widgets::name(ui, &l, &format!("{}: {text}", r.trainee));
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        for (label, a) in [
            ("Export as CSV…", TrainingAction::ExportCsv),
            ("Presenter view", TrainingAction::Show(View::Presenter)),
            ("Open another folder…", TrainingAction::OpenClass),
            ("Back to training", TrainingAction::Show(View::Choose)),
        ] {
            let b = ui.button(label);
            widgets::name(ui, &b, label);
            if b.clicked() {
                act(actions, a);
            }
        }
    });
}
