//! A bare eframe window: the baseline `scripts/bench-window.sh` measures the
//! app against. Built with this crate's own eframe features (glow, x11,
//! wayland, accesskit, default fonts), the same title and size, and one label.
//! `--continuous` repaints every frame. `--unfilled` draws its panel without a
//! fill over a window cleared to the panel colour, as the app does (for comparing
//! the cost of the app's content alone; the benchmark's baseline is the stock window).

fn main() -> eframe::Result {
    let continuous = std::env::args().any(|a| a == "--continuous");
    let unfilled = std::env::args().any(|a| a == "--unfilled");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Victim First")
            .with_inner_size([1100.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "bare",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(Bare {
                continuous,
                unfilled,
            }))
        }),
    )
}

struct Bare {
    continuous: bool,
    unfilled: bool,
}

impl eframe::App for Bare {
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        if self.unfilled {
            visuals.panel_fill.to_normalized_gamma_f32()
        } else {
            egui::Color32::from_rgba_unmultiplied(12, 12, 12, 180).to_normalized_gamma_f32()
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let mut frame = egui::Frame::central_panel(ui.style());
        if self.unfilled {
            frame = frame.fill(egui::Color32::TRANSPARENT);
        }
        egui::CentralPanel::default().frame(frame).show(ui, |ui| {
            ui.label("Hello");
        });
        if self.continuous {
            ui.ctx().request_repaint();
        }
    }
}
