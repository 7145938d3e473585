//! The note as lines: the canonical plain text, Markdown, and the styled lines
//! the PDF writer lays out.
//!
//! The plain text is the canonical form: the note digest is the SHA-256 of its
//! body (everything above the integrity section). Markdown is made from the
//! same lines, one Markdown line per text line (underlines dropped), with
//! Markdown's special characters escaped, so it converts back to the exact text
//! ([`markdown_to_text`]) and verifies the same way. Lines are at most
//! [`WIDTH`] characters, except a single word longer than that.

use std::fmt::Write as _;

use super::model::{Because, CheckNote, Decided, IeNote, Note, Stage};
use super::seal;
use super::wording as w;

/// The widest line, in characters.
pub const WIDTH: usize = 78;

/// A note format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Pdf,
}

impl Format {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Text => "txt",
            Self::Markdown => "md",
            Self::Json => "json",
            Self::Pdf => "pdf",
        }
    }
}

/// What a line is, for styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The note's title.
    Title,
    /// A numbered section heading.
    Heading,
    /// A heading inside a section (a check, the IE contact).
    Sub,
    /// The underline of a title or heading (text only).
    Rule,
    /// Anything else, including blank lines.
    Text,
}

/// One line of the note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub kind: Kind,
    pub text: String,
}

#[derive(Default)]
struct Doc {
    lines: Vec<Line>,
    sections: usize,
}

impl Doc {
    fn push(&mut self, kind: Kind, text: String) {
        self.lines.push(Line { kind, text });
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.text.is_empty()) {
            self.push(Kind::Text, String::new());
        }
    }

    fn title(&mut self, t: &str) {
        self.push(Kind::Title, t.to_owned());
        self.push(Kind::Rule, "=".repeat(t.chars().count()));
    }

    fn heading(&mut self, t: &str) {
        self.sections += 1;
        let t = format!("{}. {t}", self.sections);
        self.blank();
        self.push(Kind::Heading, t.clone());
        self.push(Kind::Rule, "-".repeat(t.chars().count()));
        self.blank();
    }

    /// An unnumbered heading (the integrity section).
    fn plain_heading(&mut self, t: &str) {
        self.blank();
        self.push(Kind::Heading, t.to_owned());
        self.push(Kind::Rule, "-".repeat(t.chars().count()));
        self.blank();
    }

    fn sub(&mut self, t: &str) {
        self.blank();
        self.wrapped(Kind::Sub, "", "", t);
    }

    fn para(&mut self, t: &str) {
        self.blank();
        self.wrapped(Kind::Text, "", "", t);
        self.push(Kind::Text, String::new());
    }

    /// A bullet at `depth` (0 or 1).
    fn item(&mut self, depth: usize, t: &str) {
        let pad = "  ".repeat(depth);
        self.wrapped(Kind::Text, &format!("{pad}- "), &format!("{pad}  "), t);
    }

    fn field(&mut self, depth: usize, label: &str, value: &str) {
        self.item(depth, &format!("{label}: {value}"));
    }

    fn wrapped(&mut self, kind: Kind, first: &str, rest: &str, t: &str) {
        for l in wrap(first, rest, t) {
            self.push(kind, l);
        }
    }
}

/// Greedy wrapping at single spaces; a word wider than a line is cut.
fn wrap(first: &str, rest: &str, t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = first.to_owned();
    let mut empty = true;
    let width = |s: &str| s.chars().count();
    for word in t.split(' ') {
        let mut word = word.to_owned();
        loop {
            let room = WIDTH.saturating_sub(width(&line) + usize::from(!empty));
            if width(&word) <= room {
                if !empty {
                    line.push(' ');
                }
                line.push_str(&word);
                empty = false;
                break;
            }
            if !empty {
                out.push(std::mem::replace(&mut line, rest.to_owned()));
                empty = true;
                continue;
            }
            // A word longer than a whole line: cut it.
            let room = WIDTH.saturating_sub(width(&line)).max(1);
            let cut: String = word.chars().take(room).collect();
            word = word.chars().skip(room).collect();
            line.push_str(&cut);
            out.push(std::mem::replace(&mut line, rest.to_owned()));
            if word.is_empty() {
                break;
            }
        }
    }
    if !empty || out.is_empty() {
        out.push(line);
    }
    out
}

fn cite(rules: &[String]) -> String {
    if rules.is_empty() {
        String::new()
    } else {
        format!(" [{}]", rules.join(", "))
    }
}

fn or_not_recorded(s: &str) -> &str {
    if s.is_empty() { w::NOT_RECORDED } else { s }
}

fn because(d: &mut Doc, bs: &[Because]) {
    for b in bs {
        let v = b
            .verdict
            .as_deref()
            .map_or_else(String::new, |v| format!("{}: ", w::verdict(v)));
        d.item(1, &format!("{v}{}{}", b.message, cite(&b.rules)));
    }
}

fn decision_words(dec: Option<&Decided>) -> String {
    let Some(dec) = dec else {
        return w::NOT_RECORDED.to_owned();
    };
    let mut s = w::choice(&dec.choice).to_owned();
    if !dec.reason.is_empty() {
        let _ = write!(s, ". {}: {}", w::DECISION_REASON, dec.reason);
    }
    if !dec.reconsider.is_empty() {
        let _ = write!(s, ". {}: {}", w::RECONSIDER, dec.reconsider);
    }
    s
}

fn check_title(i: usize, c: &CheckNote) -> String {
    format!(
        "{} {}: {}; {}: {}",
        w::CHECK,
        i + 1,
        c.system,
        w::SUBJECT,
        c.subject
    )
}

fn facts(d: &mut Doc, n: &Note, stage: Stage) -> bool {
    let mut any = false;
    for f in n.facts.iter().filter(|f| f.stage == stage) {
        d.field(0, &f.question, &f.answer);
        any = true;
    }
    any
}

fn preamble(d: &mut Doc, n: &Note) {
    d.title(w::TITLE);
    d.wrapped(Kind::Text, "", "", w::SUBTITLE);
    if n.draft {
        d.para(w::DRAFT);
    }
    if !n.guidance.modified.is_empty() {
        d.para(w::NOT_PUBLISHED);
    }
    d.blank();
    d.field(0, w::CRIME_REFERENCE, or_not_recorded(&n.crime_reference));
    let officer = if n.officer_role.is_empty() {
        n.officer.clone()
    } else {
        format!("{} ({})", n.officer, n.officer_role)
    };
    d.field(0, w::OFFICER, or_not_recorded(officer.trim()));
    d.field(0, w::STARTED, or_not_recorded(&n.started));
    d.field(0, w::COMPLETED, or_not_recorded(&n.completed));
    let g = &n.guidance;
    let mut pack = format!("{} ({} {} {})", g.title, g.pack, w::VERSION, g.version);
    if let Some(force) = &g.force {
        let _ = write!(pack, "; {}: {force}", w::PROFILE);
    }
    d.field(0, w::GUIDANCE_DIGEST, &format!("sha256:{}", g.digest));
    d.field(0, w::PACK, &pack);
}

fn ie(d: &mut Doc, ie: &IeNote) {
    d.sub(w::IE_CONTACT);
    if !ie.proposed {
        d.item(0, w::IE_NOT_PROPOSED);
        // A contact not proposed has nothing else to say. Anything else in the
        // file is written out, so that it is inside the digest and an edit to it
        // shows: no field of the JSON note lies outside what the digest covers.
        let empty = ie.answers.is_empty()
            && ie.verdict == "not_proposed"
            && ie.rules.is_empty()
            && ie.because.is_empty()
            && ie.decision.is_none();
        if empty {
            return;
        }
    }
    for a in &ie.answers {
        d.field(0, &a.question, &a.answer);
    }
    d.field(
        0,
        w::VERDICT,
        &format!("{}{}", w::verdict(&ie.verdict), cite(&ie.rules)),
    );
    because(d, &ie.because);
    d.field(0, w::DECISION, &decision_words(ie.decision.as_ref()));
}

fn powers(d: &mut Doc, n: &Note) {
    facts(d, n, Stage::PowersAndPolicy);
    if n.checks.is_empty() {
        d.item(0, w::NO_CHECKS);
    }
    for (i, c) in n.checks.iter().enumerate() {
        d.sub(&check_title(i, c));
        d.field(0, w::PURPOSES, or_not_recorded(&c.purposes.join("; ")));
        d.field(0, w::REASON, or_not_recorded(&c.reason));
        for a in &c.answers {
            d.field(0, &a.question, &a.answer);
        }
        d.field(
            0,
            w::VERDICT,
            &format!("{}{}", w::verdict(&c.verdict), cite(&c.rules)),
        );
        because(d, &c.because);
        d.field(0, w::DECISION, &decision_words(c.decision.as_ref()));
    }
    ie(d, &n.ie_contact);
}

/// A proposal belongs under Options when the guidance did not simply permit it,
/// or the officer did not simply go ahead.
fn is_option(verdict: &str, dec: Option<&Decided>) -> bool {
    verdict != "permitted" || dec.is_some_and(|d| d.choice != "proceed")
}

fn options(d: &mut Doc, n: &Note) {
    let mut any = false;
    for (i, c) in n.checks.iter().enumerate() {
        if is_option(&c.verdict, c.decision.as_ref()) {
            any = true;
            d.item(
                0,
                &format!(
                    "{}: {}; {}: {}",
                    check_title(i, c),
                    w::verdict(&c.verdict),
                    w::DECISION,
                    decision_words(c.decision.as_ref())
                ),
            );
        }
    }
    let ie = &n.ie_contact;
    if ie.proposed && is_option(&ie.verdict, ie.decision.as_ref()) {
        any = true;
        d.item(
            0,
            &format!(
                "{}: {}; {}: {}",
                w::IE_CONTACT,
                w::verdict(&ie.verdict),
                w::DECISION,
                decision_words(ie.decision.as_ref())
            ),
        );
    }
    if !any {
        d.item(0, w::NOTHING_REJECTED);
    }
    if !n.prohibited.is_empty() {
        d.field(0, w::NEVER_OFFERED, &n.prohibited.join("; "));
    }
}

fn action(d: &mut Doc, n: &Note) {
    facts(d, n, Stage::ActionAndReview);
    d.sub(w::REQUIRED);
    if n.required.is_empty() {
        d.item(0, w::NO_REQUIRED);
    }
    for r in &n.required {
        let state = match r.done {
            _ if !r.not_needed.is_empty() => format!("{} ({})", w::NOT_NEEDED, r.not_needed),
            Some(true) => w::DONE.to_owned(),
            Some(false) => w::NOT_DONE.to_owned(),
            None => w::NOT_MARKED.to_owned(),
        };
        let note = if r.note.is_empty() {
            String::new()
        } else {
            format!(". {}", r.note)
        };
        d.item(0, &format!("{}{}: {state}{note}", r.label, cite(&r.rules)));
    }
    d.blank();
    let sup = match &n.supervisor {
        Some(s) => {
            let mut t = s.name.clone();
            if !s.at.is_empty() {
                let _ = write!(t, " {} {}", w::SUPERVISOR_AT, s.at);
            }
            if !s.comment.is_empty() {
                let _ = write!(t, ": {}", s.comment);
            }
            // Whether the guidance asked for it is part of the record (and of the digest).
            if n.supervisor_needed {
                let _ = write!(t, " ({})", w::SUPERVISOR_WAS_NEEDED);
            }
            t
        }
        None if n.supervisor_needed => w::SUPERVISOR_NEEDED.to_owned(),
        None => w::NOT_RECORDED.to_owned(),
    };
    d.field(0, w::SUPERVISOR, &sup);
    d.field(0, w::REVIEW, or_not_recorded(&n.review));
}

fn guidance(d: &mut Doc, n: &Note) {
    let g = &n.guidance;
    d.field(
        0,
        w::PACK,
        &format!("{} ({} {} {})", g.title, g.pack, w::VERSION, g.version),
    );
    d.field(0, w::GUIDANCE_DIGEST, &format!("sha256:{}", g.digest));
    let profile = match (&g.profile, &g.force) {
        (Some(id), Some(force)) => format!("{force} ({id})"),
        (Some(id), None) => id.clone(),
        _ => w::NATIONAL_ONLY.to_owned(),
    };
    d.field(0, w::PROFILE, &profile);
    if !g.modified.is_empty() {
        d.field(0, w::MODIFIED_FILES, &g.modified.join(", "));
    }
    d.item(0, &format!("{}:", w::LAYERS));
    for l in &g.layers {
        d.item(
            1,
            &format!(
                "{} {} ({}) {} {}: sha256:{}",
                w::layer(&l.kind),
                l.id,
                l.title,
                w::VERSION,
                l.version,
                l.digest
            ),
        );
    }
}

/// The body's lines: everything the note digest covers.
pub fn body_lines(n: &Note) -> Vec<Line> {
    let mut d = Doc::default();
    preamble(&mut d, n);

    d.heading(w::INFORMATION);
    facts(&mut d, n, Stage::Information);

    d.heading(w::THREAT_AND_RISK);
    if !facts(&mut d, n, Stage::ThreatAndRisk) {
        d.wrapped(Kind::Text, "", "", w::STAGE_EMPTY);
    }

    d.heading(w::POWERS_AND_POLICY);
    powers(&mut d, n);

    d.heading(w::OPTIONS);
    facts(&mut d, n, Stage::Options);
    options(&mut d, n);

    d.heading(w::ACTION_AND_REVIEW);
    action(&mut d, n);

    d.heading(w::NO_ENFORCEMENT);
    d.wrapped(Kind::Text, "", "", w::NO_ENFORCEMENT_STATEMENT);
    d.blank();
    for p in &n.prohibited {
        d.item(0, p);
    }

    d.heading(w::FLAGS);
    if n.flags.is_empty() {
        d.item(0, w::NO_FLAGS);
    }
    for f in &n.flags {
        d.item(
            0,
            &format!(
                "{} ({}): {}{}",
                w::notice(&f.kind),
                f.about,
                f.message,
                cite(&f.rules)
            ),
        );
    }

    d.heading(w::SET_ASIDE);
    if n.set_aside.is_empty() {
        d.item(0, w::NO_SET_ASIDE);
    }
    for f in &n.set_aside {
        d.item(0, &format!("{}: {}", f.about, f.message));
    }

    d.heading(w::CHANGES);
    if n.changes.is_empty() {
        d.item(0, w::NO_CHANGES);
    }
    for c in &n.changes {
        d.item(
            0,
            &format!(
                "{}, {}: \"{}\" {} \"{}\" {} \"{}\"",
                c.at,
                c.about,
                c.question,
                w::CHANGE_FROM,
                c.from,
                w::CHANGE_TO,
                c.to
            ),
        );
    }

    d.heading(w::RULES);
    if n.rules.is_empty() {
        d.item(0, w::NONE);
    }
    for r in &n.rules {
        let mut t = format!("{}: {} ({})", r.id, r.title, r.status);
        if !r.section.is_empty() {
            let _ = write!(t, ". {}", r.section);
        }
        d.item(0, &t);
        for s in &r.sources {
            d.item(1, s);
        }
    }

    d.heading(w::GUIDANCE);
    guidance(&mut d, n);
    d.blank();
    d.lines
}

/// The integrity section's lines, for a body with this digest and these section digests.
pub fn footer_lines(digest: &str, sections: &[String]) -> Vec<Line> {
    let mut d = Doc::default();
    d.plain_heading(w::INTEGRITY);
    d.field(0, w::NOTE_DIGEST, &format!("sha256:{digest}"));
    d.field(0, w::CHECK_CODE, &seal::check_code(digest));
    let list: Vec<String> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{i}:{s}"))
        .collect();
    d.field(0, w::SECTION_DIGESTS, &list.join(" "));
    d.item(0, w::HOW_TO_VERIFY);
    d.lines
}

/// Every line of the note, body then integrity section.
pub fn lines(n: &Note) -> Vec<Line> {
    let mut body = body_lines(n);
    let text = join(&body);
    let (digest, sections) = seal::digests(&text);
    body.extend(footer_lines(&digest, &sections));
    body
}

fn join(lines: &[Line]) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(&l.text);
        s.push('\n');
    }
    s
}

/// The body as canonical text: what the note digest is computed over.
pub fn body_text(n: &Note) -> String {
    join(&body_lines(n))
}

/// The plain-text note.
pub fn render_text(n: &Note) -> String {
    join(&lines(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_the_width() {
        let t = "a ".repeat(100) + &"x".repeat(200);
        let lines = wrap("- ", "  ", t.trim());
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        let back: String = lines
            .iter()
            .map(|l| l.trim_start_matches("- ").trim_start())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(back.replace(' ', ""), t.replace(' ', ""));
    }
}
