//! A bare eframe window: the baseline `scripts/bench-window.sh` measures the
//! app against. Built with this crate's own eframe features (glow, x11,
//! wayland, accesskit, default fonts), the same title and size, and one label.
//! `--continuous` repaints every frame.

fn main() -> eframe::Result {
    let continuous = std::env::args().any(|a| a == "--continuous");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Victim First")
            .with_inner_size([1100.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "bare",
        options,
        Box::new(move |_cc| Ok(Box::new(Bare { continuous }))),
    )
}

struct Bare {
    continuous: bool,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("Hello");
        });
        if self.continuous {
            ui.ctx().request_repaint();
        }
    }
}
