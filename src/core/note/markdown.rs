//! The Markdown note, and reading one back as the text note it came from
//! (line for line, so its digest is the text note's).

use std::fmt::Write as _;

use super::model::Note;
use super::render::{Kind, lines};

const MD_SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '!',
];

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if MD_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && MD_SPECIAL.contains(&next)
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// The Markdown note: one line per text line, underlines dropped.
pub fn render_markdown(n: &Note) -> String {
    let mut s = String::new();
    for l in lines(n) {
        match l.kind {
            Kind::Title => {
                let _ = writeln!(s, "# {}", md_escape(&l.text));
            }
            Kind::Heading => {
                let _ = writeln!(s, "## {}", md_escape(&l.text));
            }
            Kind::Sub => {
                let _ = writeln!(s, "### {}", md_escape(&l.text));
            }
            Kind::Rule => {}
            Kind::Text => {
                s.push_str(&md_escape(&l.text));
                s.push('\n');
            }
        }
    }
    s
}

/// Converts a Markdown note back to its text, each text line paired with the
/// 1-based Markdown line it came from.
pub fn markdown_to_text(md: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, line) in md.lines().enumerate() {
        let n = i + 1;
        if let Some(t) = line.strip_prefix("# ") {
            let t = md_unescape(t);
            let rule = "=".repeat(t.chars().count());
            out.push((t, n));
            out.push((rule, n));
        } else if let Some(t) = line.strip_prefix("## ") {
            let t = md_unescape(t);
            let rule = "-".repeat(t.chars().count());
            out.push((t, n));
            out.push((rule, n));
        } else if let Some(t) = line.strip_prefix("### ") {
            out.push((md_unescape(t), n));
        } else {
            out.push((md_unescape(line), n));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_round_trips() {
        for s in ["a *b* _c_ \\ # [x](y) <z> | ~ & ! `q`", "\\\\*", "plain"] {
            assert_eq!(md_unescape(&md_escape(s)), s);
        }
    }
}
