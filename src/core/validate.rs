//! Turning parsed guidance files into a checked [`Guidance`].
//!
//! A [`Library`] holds every parsed file. [`Library::resolve`] merges one pack
//! (with the packs it revises), the overlays a profile adopts and the profile
//! itself, checking each layer against what came before it; [`Library::lint`]
//! does that for every file and reports every problem at once.
//!
//! The checks, in brief: ids are unique; nothing refers to an id that does not
//! exist; a condition only reads facts of its scope, with the operator its kind
//! takes, and values the fact declares; every question can be reached and every
//! decision can apply; every decision cites at least one guidance rule; and an
//! overlay or profile never permits anything (so it can only make verdicts
//! stricter: see ARCHITECTURE.md, "Invariants").

use std::collections::{BTreeMap, BTreeSet};

use super::condition::{FactShape, satisfiable};
use super::diagnostic::{Diagnostic, Diagnostics, Position};
use super::guidance::{
    DecisionEntry, Guidance, Layer, LayerKind, ProfileSettings, RuleEntry, check_fact, ie_fact,
};
use super::parse::SourceText;
use super::raw::{self, ActionKind, Condition, Effect, FactKind, Scope, Target};

/// One parsed guidance file.
#[derive(Clone, Debug)]
pub struct LoadedFile {
    pub src: SourceText,
    pub file: raw::GuidanceFile,
}

impl LoadedFile {
    pub fn id(&self) -> &str {
        match &self.file {
            raw::GuidanceFile::Pack(p) => &p.id,
            raw::GuidanceFile::Overlay(o) => &o.id,
            raw::GuidanceFile::Profile(p) => &p.id,
        }
    }

    fn at(&self, needle: &str) -> Option<Position> {
        self.src.locate_quoted(needle)
    }

    /// A diagnostic located at the first mention of `anchor`, or of `detail` after it.
    /// Both are found through the file's index, so locating is not a search of the file.
    fn err(&self, anchor: &str, detail: Option<&str>, message: String) -> Diagnostic {
        let pos = detail
            .and_then(|d| {
                let start = self.src.find_quoted(anchor, 0).unwrap_or(0);
                self.src.find_quoted(d, start)
            })
            .map(|at| self.src.position(at))
            .or_else(|| self.at(anchor));
        Diagnostic::new(&self.src.path, pos, message)
    }
}

/// Every parsed guidance file, by id.
#[derive(Clone, Debug, Default)]
pub struct Library {
    files: Vec<LoadedFile>,
    by_id: BTreeMap<String, usize>,
}

impl Library {
    /// Collects files; a second file with an id already used is reported and left out.
    pub fn new(files: Vec<LoadedFile>) -> (Self, Diagnostics) {
        let mut lib = Self::default();
        let mut problems = Diagnostics::default();
        for f in files {
            let id = f.id().to_owned();
            if let Some(&first) = lib.by_id.get(&id) {
                let first_path = lib.files.get(first).map_or("", |f| f.src.path.as_str());
                problems.0.push(f.err(
                    &id,
                    None,
                    format!("id \"{id}\" is already used by {first_path}"),
                ));
                continue;
            }
            lib.by_id.insert(id, lib.files.len());
            lib.files.push(f);
        }
        (lib, problems)
    }

    pub fn get(&self, id: &str) -> Option<&LoadedFile> {
        self.by_id.get(id).and_then(|&i| self.files.get(i))
    }

    /// Every file, in id order.
    pub fn files(&self) -> impl Iterator<Item = &LoadedFile> {
        self.by_id.values().filter_map(|&i| self.files.get(i))
    }

    /// Ids of the national packs.
    pub fn pack_ids(&self) -> Vec<&str> {
        self.files()
            .filter(|f| matches!(f.file, raw::GuidanceFile::Pack(_)))
            .map(LoadedFile::id)
            .collect()
    }

    /// The current national pack: one that no other pack revises, the latest
    /// effective if there are several.
    pub fn current_pack(&self) -> Option<&str> {
        let revised: Vec<&str> = self
            .files()
            .filter_map(|f| match &f.file {
                raw::GuidanceFile::Pack(p) => p.extends.as_deref(),
                _ => None,
            })
            .collect();
        self.files()
            .filter_map(|f| match &f.file {
                raw::GuidanceFile::Pack(p) if !revised.contains(&p.id.as_str()) => Some(p),
                _ => None,
            })
            .max_by(|a, b| a.effective.cmp(&b.effective).then(a.id.cmp(&b.id)))
            .map(|p| p.id.as_str())
    }

    /// Ids of the force profiles.
    pub fn profile_ids(&self) -> Vec<&str> {
        self.files()
            .filter(|f| matches!(f.file, raw::GuidanceFile::Profile(_)))
            .map(LoadedFile::id)
            .collect()
    }

    /// Checks every file: each pack on its own, each overlay on the pack it
    /// requires, each profile with what it adopts. Every problem is reported once.
    pub fn lint(&self) -> Diagnostics {
        let mut all = Diagnostics::default();
        let mut cache = ChainCache::thorough();
        for f in self.files() {
            let requires = match &f.file {
                raw::GuidanceFile::Pack(_) => None,
                raw::GuidanceFile::Overlay(o) => Some(&o.requires),
                raw::GuidanceFile::Profile(p) => Some(&p.requires),
            };
            if let Some(r) = requires
                && !matches!(
                    self.get(r).map(|x| &x.file),
                    Some(raw::GuidanceFile::Pack(_))
                )
            {
                all.0.push(f.err(
                    r,
                    None,
                    format!(
                        "{} \"{}\" → requires: no national pack with id \"{r}\"",
                        if matches!(f.file, raw::GuidanceFile::Profile(_)) {
                            "profile"
                        } else {
                            "overlay"
                        },
                        f.id()
                    ),
                ));
                if let raw::GuidanceFile::Profile(p) = &f.file {
                    all.0.append(&mut self.adopted(f, p).1.0);
                }
                continue;
            }
            let result = match &f.file {
                raw::GuidanceFile::Pack(p) => self.resolve_layers(&p.id, &[], None, &mut cache),
                raw::GuidanceFile::Overlay(o) => {
                    self.resolve_layers(&o.requires, &[f], None, &mut cache)
                }
                raw::GuidanceFile::Profile(p) => {
                    self.resolve_cached(&p.requires, Some(&p.id), &mut cache)
                }
            };
            match result {
                Err(mut d) => all.0.append(&mut d.0),
                Ok(g) => unused_rules(f, &g, &mut all),
            }
        }
        all.normalise();
        all
    }

    /// The guidance for a case: the pack `pack_id` and, if given, the profile `profile_id`.
    pub fn resolve(
        &self,
        pack_id: &str,
        profile_id: Option<&str>,
    ) -> Result<Guidance, Diagnostics> {
        self.resolve_cached(pack_id, profile_id, &mut ChainCache::default())
    }

    fn resolve_cached(
        &self,
        pack_id: &str,
        profile_id: Option<&str>,
        cache: &mut ChainCache,
    ) -> Result<Guidance, Diagnostics> {
        let Some(profile_id) = profile_id else {
            return self.resolve_layers(pack_id, &[], None, cache);
        };
        let Some(file) = self.get(profile_id) else {
            return Err(one(Diagnostic::new(
                "guidance",
                None,
                format!("no force profile with id \"{profile_id}\""),
            )));
        };
        let raw::GuidanceFile::Profile(profile) = &file.file else {
            return Err(one(Diagnostic::new(
                &file.src.path,
                file.at(profile_id),
                format!("\"{profile_id}\" is not a force profile"),
            )));
        };
        let (overlays, mut problems) = self.adopted(file, profile);
        match self.resolve_layers(pack_id, &overlays, Some(file), cache) {
            Ok(g) if problems.is_empty() => Ok(g),
            Ok(_) => Err(problems),
            Err(mut d) => {
                problems.0.append(&mut d.0);
                problems.normalise();
                Err(problems)
            }
        }
    }

    /// The overlays a profile adopts, and problems with any that are not overlays.
    fn adopted<'a>(
        &'a self,
        file: &LoadedFile,
        profile: &raw::Profile,
    ) -> (Vec<&'a LoadedFile>, Diagnostics) {
        let profile_id = &profile.id;
        let mut overlays = Vec::new();
        let mut problems = Diagnostics::default();
        for adopted in &profile.adopts {
            match self.get(adopted).map(|f| (f, &f.file)) {
                Some((f, raw::GuidanceFile::Overlay(_))) => overlays.push(f),
                Some(_) => problems.0.push(file.err(
                    "adopts",
                    Some(adopted),
                    format!("profile \"{profile_id}\" → adopts: \"{adopted}\" is not an overlay"),
                )),
                None => problems.0.push(file.err(
                    "adopts",
                    Some(adopted),
                    format!("profile \"{profile_id}\" → adopts: no overlay with id \"{adopted}\""),
                )),
            }
        }
        (overlays, problems)
    }

    /// Why a profile cannot be used with a pack, if it cannot: it is written for
    /// another national pack than `pack` or one that `pack` revises.
    pub fn incompatibility(&self, pack: &str, profile: Option<&str>) -> Option<String> {
        let Some(LoadedFile {
            file: raw::GuidanceFile::Profile(p),
            ..
        }) = profile.and_then(|id| self.get(id))
        else {
            return None;
        };
        let chain = self.chain(pack).ok()?;
        if chain.iter().any(|f| f.id() == p.requires) {
            None
        } else {
            let works: Vec<String> = self
                .pack_ids()
                .into_iter()
                .filter(|id| {
                    self.chain(id)
                        .is_ok_and(|c| c.iter().any(|f| f.id() == p.requires))
                })
                .map(|id| format!("\"{id}\""))
                .collect();
            Some(format!(
                "force profile \"{}\" is written for national pack \"{}\" and cannot be used with \"{pack}\"; it works with {}",
                p.id,
                p.requires,
                works.join(", ")
            ))
        }
    }

    /// Problems with the pack and profile a case file names, located in that file.
    pub fn check_case_refs(
        &self,
        src: &SourceText,
        pack: &str,
        profile: Option<&str>,
    ) -> Diagnostics {
        let mut problems = Diagnostics::default();
        let here = |id: &str| src.locate_quoted(id);
        if !matches!(
            self.get(pack).map(|f| &f.file),
            Some(raw::GuidanceFile::Pack(_))
        ) {
            let known = self.pack_ids().join(", ");
            problems.0.push(Diagnostic::new(
                &src.path,
                here(pack),
                format!("pack: no national pack with id \"{pack}\" (the guidance has: {known})"),
            ));
        }
        if let Some(p) = profile
            && !matches!(
                self.get(p).map(|f| &f.file),
                Some(raw::GuidanceFile::Profile(_))
            )
        {
            let known = self.profile_ids().join(", ");
            problems.0.push(Diagnostic::new(
                &src.path,
                here(p),
                format!("profile: no force profile with id \"{p}\" (the guidance has: {known})"),
            ));
        }
        problems
    }

    fn chain(&self, pack_id: &str) -> Result<Vec<&LoadedFile>, Diagnostics> {
        let mut chain: Vec<&LoadedFile> = Vec::new();
        let mut next = Some(pack_id.to_owned());
        while let Some(id) = next {
            let Some(file) = self.get(&id) else {
                let msg = format!("no national pack with id \"{id}\"");
                return Err(one(match chain.last() {
                    Some(child) => child.err(
                        &id,
                        None,
                        format!("pack \"{}\" → extends: {msg}", child.id()),
                    ),
                    None => Diagnostic::new("guidance", None, msg),
                }));
            };
            let raw::GuidanceFile::Pack(pack) = &file.file else {
                return Err(one(Diagnostic::new(
                    &file.src.path,
                    file.at(&id),
                    format!("\"{id}\" is not a national pack"),
                )));
            };
            if chain.iter().any(|f| f.id() == id) {
                return Err(one(file.err(
                    &id,
                    None,
                    format!("pack \"{id}\" → extends: the packs extend each other in a loop"),
                )));
            }
            chain.push(file);
            #[expect(
                clippy::assigning_clones,
                reason = "`next` was moved out by the loop, so there is nothing to clone into"
            )]
            {
                next = pack.extends.clone();
            }
        }
        chain.reverse();
        Ok(chain)
    }

    /// The national layers of `pack_id` merged and checked, with the ids in the chain.
    /// Lint checks the same chain under several overlays and profiles, so it is kept.
    fn national(
        &self,
        pack_id: &str,
        cache: &mut ChainCache,
    ) -> Result<(Builder, Vec<String>), Diagnostics> {
        if let Some(done) = cache.chains.get(pack_id) {
            return done.clone();
        }
        let thorough = cache.thorough;
        let fresh = move || Builder {
            thorough,
            ..Builder::default()
        };
        let built = self.chain(pack_id).and_then(|chain| {
            // A revision starts from the merged pack it extends, checked once.
            let Some((file, parents)) = chain.split_last() else {
                return Ok((fresh(), Vec::new()));
            };
            let raw::GuidanceFile::Pack(pack) = &file.file else {
                return Ok((fresh(), Vec::new()));
            };
            let (mut b, mut ids) = match parents.last() {
                Some(parent) => self.national(parent.id(), cache)?,
                None => (fresh(), Vec::new()),
            };
            b.add_pack(file, pack);
            // Steps: a revision without its own keeps its base's (see `steps.rs`).
            if !pack.steps.is_empty() {
                b.steps.clone_from(&pack.steps);
            }
            if !pack.steps.is_empty() || !pack.facts.is_empty() {
                let found = super::steps::check(&file.src, &b.facts, &b.steps);
                b.problems.0.extend(found);
            }
            if parents.is_empty() {
                b.check_fixed_facts(file);
            }
            ids.push(file.id().to_owned());
            Ok((b, ids))
        });
        cache.chains.insert(pack_id.to_owned(), built.clone());
        built
    }

    fn resolve_layers(
        &self,
        pack_id: &str,
        overlays: &[&LoadedFile],
        profile: Option<&LoadedFile>,
        cache: &mut ChainCache,
    ) -> Result<Guidance, Diagnostics> {
        let (mut b, chain_ids) = self.national(pack_id, cache)?;
        for file in overlays.iter().copied().chain(profile) {
            let (id, requires, kind) = match &file.file {
                raw::GuidanceFile::Overlay(o) => (&o.id, &o.requires, "overlay"),
                raw::GuidanceFile::Profile(p) => (&p.id, &p.requires, "profile"),
                raw::GuidanceFile::Pack(_) => continue,
            };
            if !chain_ids.contains(requires) {
                // An adopted overlay that does not fit is the adopting profile's mistake.
                let problem = match (kind, profile) {
                    ("overlay", Some(adopter)) => adopter.err(
                        "adopts",
                        Some(id),
                        format!(
                            "profile \"{}\" → adopts: overlay \"{id}\" is written for national pack \"{requires}\", which is not \"{pack_id}\" or a pack it revises",
                            adopter.id()
                        ),
                    ),
                    _ => file.err(
                        requires,
                        None,
                        format!(
                            "{kind} \"{id}\" → requires: it is written for national pack \"{requires}\", which is not \"{pack_id}\" or a pack it revises"
                        ),
                    ),
                };
                b.problems.0.push(problem);
                continue;
            }
            match &file.file {
                raw::GuidanceFile::Overlay(o) => b.add_overlay(file, o),
                raw::GuidanceFile::Profile(p) => b.add_profile(file, p),
                raw::GuidanceFile::Pack(_) => {}
            }
        }
        b.finish()
    }
}

/// National chains already merged, by pack id, and how thoroughly to check.
#[derive(Default)]
struct ChainCache {
    chains: BTreeMap<String, Result<(Builder, Vec<String>), Diagnostics>>,
    /// Also prove every question reachable and every decision able to apply.
    /// `lint` does; `resolve` leaves it to lint, since dead content is not unsafe.
    thorough: bool,
}

impl ChainCache {
    fn thorough() -> Self {
        Self {
            thorough: true,
            ..Self::default()
        }
    }
}

/// Reports each rule `f` declares that no decision in `g` cites and that is not
/// marked as context: a rule nothing rests on is either dead or belongs in context.
fn unused_rules(f: &LoadedFile, g: &Guidance, all: &mut Diagnostics) {
    let rules: &[raw::GuidanceRule] = match &f.file {
        raw::GuidanceFile::Pack(p) => &p.guidance,
        raw::GuidanceFile::Overlay(o) => &o.guidance,
        raw::GuidanceFile::Profile(p) => &p.guidance,
    };
    for r in rules.iter().filter(|r| !r.context) {
        let cited = g
            .decisions
            .iter()
            .any(|d| d.decision.because.contains(&r.id));
        if !cited {
            all.0.push(f.err(
                &r.id,
                None,
                format!(
                    "guidance rule \"{}\" is not cited by any decision in \"{}\"; cite it, or mark it `context: true` if it is there for reference only",
                    r.id,
                    f.id()
                ),
            ));
        }
    }
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// Accumulates layers, checking each against what came before.
#[derive(Clone, Default)]
struct Builder {
    layers: Vec<Layer>,
    profile: Option<ProfileSettings>,
    sources: BTreeMap<String, raw::Source>,
    rules: BTreeMap<String, RuleEntry>,
    facts: Vec<raw::Fact>,
    /// Facts whose question can be reached, by id.
    reachable: BTreeSet<String>,
    actions: Vec<raw::ActionDef>,
    decisions: Vec<DecisionEntry>,
    /// Named conditions by id: the scope they read and what they mean, expanded.
    definitions: BTreeMap<String, (Scope, Condition)>,
    problems: Diagnostics,
    /// Whether to prove reachability (see [`ChainCache::thorough`]).
    thorough: bool,
    /// Facts of the pack being added that are declared further down, for clearer errors.
    later_facts: Vec<String>,
    /// Work spent on satisfiability proofs so far (see `limits::MAX_TOTAL_PROOF_WORK`).
    proof_work: u128,
    /// The wizard's steps, from the latest pack in the chain that declares them.
    steps: Vec<raw::Step>,
}

/// The parts of a layer every kind of layer has.
struct LayerContent<'a> {
    kind: LayerKind,
    id: &'a str,
    title: &'a str,
    version: &'a str,
    effective: &'a str,
    review_by: &'a str,
    summary: &'a str,
    sources: &'a [raw::Source],
    guidance: &'a [raw::GuidanceRule],
    definitions: &'a [raw::Definition],
    decisions: &'a [raw::Decision],
}

impl Builder {
    fn add_pack(&mut self, file: &LoadedFile, p: &raw::Pack) {
        let kind = if p.extends.is_some() {
            LayerKind::Revision
        } else {
            LayerKind::Baseline
        };
        if kind == LayerKind::Baseline && !p.supersedes.is_empty() {
            self.problems.0.push(file.err(
                "supersedes",
                None,
                format!(
                    "pack \"{}\" → supersedes: only a pack that extends another can supersede",
                    p.id
                ),
            ));
        }
        for s in &p.supersedes {
            let before = self.decisions.len();
            self.decisions.retain(|d| &d.decision.id != s);
            if self.decisions.len() == before {
                self.problems.0.push(file.err(
                    "supersedes",
                    Some(s),
                    format!(
                        "pack \"{}\" → supersedes: no decision \"{s}\" in the packs it extends",
                        p.id
                    ),
                ));
            }
        }
        self.later_facts = p.facts.iter().map(|f| f.id.clone()).collect();
        for fact in &p.facts {
            self.later_facts.retain(|id| id != &fact.id);
            self.add_fact(file, fact);
        }
        self.later_facts.clear();
        for a in &p.actions {
            if self.actions.iter().any(|x| x.id == a.id) {
                self.problems.0.push(file.err(
                    &a.id,
                    None,
                    format!("action \"{}\" is defined twice", a.id),
                ));
            } else if a.label.trim().is_empty() {
                self.problems.0.push(file.err(
                    &a.id,
                    None,
                    format!("action \"{}\" → label: must not be empty", a.id),
                ));
                self.actions.push(a.clone());
            } else {
                self.actions.push(a.clone());
            }
        }
        self.add_common(
            file,
            &LayerContent {
                kind,
                id: &p.id,
                title: &p.title,
                version: &p.version,
                effective: &p.effective,
                review_by: &p.review_by,
                summary: &p.summary,
                sources: &p.sources,
                guidance: &p.guidance,
                definitions: &p.definitions,
                decisions: &p.decisions,
            },
        );
    }

    fn add_overlay(&mut self, file: &LoadedFile, o: &raw::Overlay) {
        self.add_common(
            file,
            &LayerContent {
                kind: LayerKind::Overlay,
                id: &o.id,
                title: &o.title,
                version: &o.version,
                effective: &o.effective,
                review_by: &o.review_by,
                summary: &o.summary,
                sources: &o.sources,
                guidance: &o.guidance,
                definitions: &o.definitions,
                decisions: &o.decisions,
            },
        );
    }

    fn add_profile(&mut self, file: &LoadedFile, p: &raw::Profile) {
        self.profile = Some(ProfileSettings {
            id: p.id.clone(),
            force: p.force.clone(),
            risk_tool: p.risk_tool,
            contacts: p.contacts.clone(),
            ie_referral_route: p.ie_referral_route.clone(),
            adopts: p.adopts.clone(),
            crime_reference_format: p.crime_reference_format.clone(),
        });
        self.add_common(
            file,
            &LayerContent {
                kind: LayerKind::Profile,
                id: &p.id,
                title: &p.force,
                version: &p.version,
                effective: &p.effective,
                review_by: &p.review_by,
                summary: &p.summary,
                sources: &p.sources,
                guidance: &p.guidance,
                definitions: &p.definitions,
                decisions: &p.decisions,
            },
        );
    }

    fn add_common(&mut self, file: &LoadedFile, c: &LayerContent<'_>) {
        let what = match c.kind {
            LayerKind::Baseline | LayerKind::Revision => "pack",
            LayerKind::Overlay => "overlay",
            LayerKind::Profile => "profile",
        };
        for (field, value) in [("effective", c.effective), ("review_by", c.review_by)] {
            if !is_iso_date(value) {
                self.problems.0.push(file.err(
                    value,
                    None,
                    format!(
                        "{what} \"{}\" → {field}: \"{value}\" is not a real date in the form YYYY-MM-DD",
                        c.id
                    ),
                ));
            }
        }
        if is_iso_date(c.effective) && is_iso_date(c.review_by) && c.review_by <= c.effective {
            self.problems.0.push(file.err(
                c.review_by,
                None,
                format!(
                    "{what} \"{}\" → review_by: must be after the effective date",
                    c.id
                ),
            ));
        }
        if c.version.trim().is_empty() {
            self.problems.0.push(file.err(
                c.id,
                None,
                format!("{what} \"{}\" → version: must not be empty", c.id),
            ));
        }
        for s in c.sources {
            if self.sources.contains_key(&s.id) {
                self.problems.0.push(file.err(
                    &s.id,
                    None,
                    format!("source \"{}\" is defined twice", s.id),
                ));
            } else {
                self.sources.insert(s.id.clone(), s.clone());
            }
        }
        for r in c.guidance {
            self.add_rule(file, c.id, r);
        }
        for def in c.definitions {
            self.add_definition(file, def);
        }
        for d in c.decisions {
            self.add_decision(file, c.id, c.kind, d);
        }
        self.layers.push(Layer {
            id: c.id.to_owned(),
            kind: c.kind,
            title: c.title.to_owned(),
            version: c.version.to_owned(),
            effective: c.effective.to_owned(),
            review_by: c.review_by.to_owned(),
            summary: c.summary.to_owned(),
            digest: file.src.digest.clone(),
            path: file.src.path.clone(),
        });
    }

    fn add_rule(&mut self, file: &LoadedFile, layer: &str, r: &raw::GuidanceRule) {
        if let Some(existing) = self.rules.get(&r.id) {
            self.problems.0.push(file.err(
                &r.id,
                None,
                format!(
                    "guidance rule \"{}\" is already defined by \"{}\"; a later layer cannot redefine it",
                    r.id, existing.layer
                ),
            ));
            return;
        }
        let ctx = format!("guidance rule \"{}\"", r.id);
        if r.explanation.trim().is_empty() {
            self.problems.0.push(file.err(
                &r.id,
                None,
                format!("{ctx} → explanation: must not be empty"),
            ));
        }
        if r.sources.is_empty() {
            self.problems.0.push(file.err(
                &r.id,
                None,
                format!("{ctx} → sources: must name at least one source"),
            ));
        }
        for s in &r.sources {
            if !self.sources.contains_key(s) {
                self.problems.0.push(file.err(
                    &r.id,
                    Some(s),
                    format!("{ctx} → sources: no source \"{s}\""),
                ));
            }
        }
        self.rules.insert(
            r.id.clone(),
            RuleEntry {
                rule: r.clone(),
                layer: layer.to_owned(),
            },
        );
    }

    fn add_fact(&mut self, file: &LoadedFile, fact: &raw::Fact) {
        let ctx = format!("fact \"{}\"", fact.id);
        if self.facts.iter().any(|f| f.id == fact.id) {
            self.problems
                .0
                .push(file.err(&fact.id, None, format!("{ctx} is defined twice")));
            return;
        }
        if fact.question.trim().is_empty() {
            self.problems.0.push(file.err(
                &fact.id,
                None,
                format!("{ctx} → question: must not be empty"),
            ));
        }
        match fact.kind {
            FactKind::One | FactKind::Many if fact.values.is_empty() => {
                self.problems.0.push(file.err(
                    &fact.id,
                    None,
                    format!(
                        "{ctx} → values: a {:?} fact needs at least one value",
                        fact.kind
                    ),
                ));
            }
            FactKind::Text if !fact.values.is_empty() => self.problems.0.push(file.err(
                &fact.id,
                None,
                format!("{ctx} → values: a Text fact has no values"),
            )),
            _ => {}
        }
        let mut seen = BTreeSet::new();
        for v in &fact.values {
            if !seen.insert(v.id.as_str()) {
                self.problems.0.push(file.err(
                    &fact.id,
                    Some(&v.id),
                    format!("{ctx} → values: \"{}\" appears twice", v.id),
                ));
            }
            if v.label.trim().is_empty() {
                self.problems.0.push(file.err(
                    &fact.id,
                    Some(&v.id),
                    format!("{ctx} → value \"{}\": label must not be empty", v.id),
                ));
            }
        }
        let mut reachable = true;
        let mut fact = fact.clone();
        if let Some(given) = &fact.relevant {
            let allowed = scopes_for_fact(fact.scope);
            let before = self.problems.len();
            let ctx_relevant = format!("{ctx} → relevant");
            self.check_condition(file, &fact.id, &ctx_relevant, given, &allowed);
            let cond = self.expand(given);
            if self.thorough
                && self.problems.len() == before
                && self.within_budget(file, &fact.id, &ctx_relevant, &cond)
            {
                reachable = satisfiable(&cond, &|f| self.shape(f));
                if !reachable {
                    self.problems.0.push(file.err(
                        &fact.id,
                        None,
                        format!("{ctx} → relevant: the question can never be asked, because its condition can never hold"),
                    ));
                }
            }
            fact.relevant = Some(cond);
        }
        if reachable {
            self.reachable.insert(fact.id.clone());
        }
        self.facts.push(fact);
    }

    fn add_definition(&mut self, file: &LoadedFile, def: &raw::Definition) {
        let ctx = format!("definition \"{}\"", def.id);
        if self.definitions.contains_key(&def.id) {
            self.problems
                .0
                .push(file.err(&def.id, None, format!("{ctx} is defined twice")));
            return;
        }
        if def.means.trim().is_empty() {
            self.problems.0.push(file.err(
                &def.id,
                None,
                format!("{ctx} → means: must not be empty"),
            ));
        }
        let allowed = scopes_for_fact(def.scope);
        let before = self.problems.len();
        self.check_condition(file, &def.id, &format!("{ctx} → when"), &def.when, &allowed);
        let when = self.expand(&def.when);
        if self.thorough && self.problems.len() == before && !satisfiable(&when, &|f| self.shape(f))
        {
            self.problems.0.push(file.err(
                &def.id,
                None,
                format!("{ctx} → when: the condition can never hold"),
            ));
        }
        self.definitions.insert(def.id.clone(), (def.scope, when));
    }

    /// `cond` with every named condition replaced by what it means. Unknown names
    /// are left in place (and reported by [`Self::check_condition`]).
    fn expand(&self, cond: &Condition) -> Condition {
        match cond {
            Condition::Holds(id) => self
                .definitions
                .get(id)
                .map_or_else(|| cond.clone(), |(_, c)| c.clone()),
            Condition::All(cs) => Condition::All(cs.iter().map(|c| self.expand(c)).collect()),
            Condition::Any(cs) => Condition::Any(cs.iter().map(|c| self.expand(c)).collect()),
            Condition::Not(c) => Condition::Not(Box::new(self.expand(c))),
            other => other.clone(),
        }
    }

    fn shape(&self, id: &str) -> Option<FactShape<'_>> {
        self.facts.iter().find(|f| f.id == id).map(|f| FactShape {
            kind: f.kind,
            values: f.values.iter().map(|v| v.id.as_str()).collect(),
            can_be_answered: self.reachable.contains(id),
        })
    }

    /// Whether proving `cond` satisfiable fits the budget; if not, says so, so a
    /// crafted condition cannot stall `lint` (or the window, which lints at start).
    fn within_budget(
        &mut self,
        file: &LoadedFile,
        anchor: &str,
        ctx: &str,
        cond: &Condition,
    ) -> bool {
        use super::limits::{MAX_PROOF_WORK, MAX_TOTAL_PROOF_WORK};
        let work = super::limits::proof_work(cond, &|f| self.shape(f));
        self.proof_work = self.proof_work.saturating_add(work);
        let why = if work > MAX_PROOF_WORK {
            "the condition is too complex to check (it combines too many answers); split it or test fewer facts together"
        } else if self.proof_work > MAX_TOTAL_PROOF_WORK {
            "the guidance is too large to check: its conditions together need more work than lint allows"
        } else {
            return true;
        };
        self.problems
            .0
            .push(file.err(anchor, None, format!("{ctx}: {why}")));
        false
    }

    fn check_fixed_facts(&mut self, file: &LoadedFile) {
        let fixed = [
            (check_fact::SYSTEM, Scope::Check, FactKind::One),
            (check_fact::SUBJECT, Scope::Check, FactKind::One),
            (check_fact::PURPOSES, Scope::Check, FactKind::Many),
            (check_fact::REASON, Scope::Check, FactKind::Text),
            (ie_fact::PURPOSE, Scope::IeContact, FactKind::One),
            (ie_fact::DATA, Scope::IeContact, FactKind::Many),
            (ie_fact::REASON, Scope::IeContact, FactKind::Text),
        ];
        for (id, scope, kind) in fixed {
            let ok = self
                .facts
                .iter()
                .any(|f| f.id == id && f.scope == scope && f.kind == kind);
            if !ok {
                self.problems.0.push(Diagnostic::new(
                    &file.src.path,
                    file.at(id),
                    format!("a baseline pack must declare fact \"{id}\" with scope {scope:?} and kind {kind:?}"),
                ));
            }
        }
    }

    fn add_decision(&mut self, file: &LoadedFile, layer: &str, kind: LayerKind, d: &raw::Decision) {
        let ctx = format!("decision \"{}\"", d.id);
        if self.decisions.iter().any(|x| x.decision.id == d.id) {
            self.problems
                .0
                .push(file.err(&d.id, None, format!("{ctx} is defined twice")));
            return;
        }
        if d.because.is_empty() {
            self.problems.0.push(file.err(
                &d.id,
                None,
                format!("{ctx} → because: must cite at least one guidance rule"),
            ));
        }
        for (i, r) in d.because.iter().enumerate() {
            if d.because.get(..i).is_some_and(|before| before.contains(r)) {
                self.problems.0.push(file.err(
                    &d.id,
                    Some(r),
                    format!("{ctx} → because: \"{r}\" is cited twice"),
                ));
            }
            if !self.rules.contains_key(r) {
                self.problems.0.push(file.err(
                    &d.id,
                    Some(r),
                    format!("{ctx} → because: no guidance rule \"{r}\""),
                ));
            }
        }
        if d.says.trim().is_empty() {
            self.problems
                .0
                .push(file.err(&d.id, None, format!("{ctx} → says: must not be empty")));
        }
        if d.then.is_empty() {
            self.problems.0.push(file.err(
                &d.id,
                None,
                format!("{ctx} → then: must have at least one effect"),
            ));
        }
        for e in &d.then {
            self.check_effect(file, &d.id, &ctx, kind, d.applies_to, e);
        }
        let allowed = scopes_for_target(d.applies_to);
        let before = self.problems.len();
        self.check_condition(file, &d.id, &format!("{ctx} → when"), &d.when, &allowed);
        let mut d = d.clone();
        d.when = self.expand(&d.when);
        if self.thorough
            && self.problems.len() == before
            && self.within_budget(file, &d.id, &format!("{ctx} → when"), &d.when)
            && !satisfiable(&d.when, &|f| self.shape(f))
        {
            self.problems.0.push(file.err(
                &d.id,
                None,
                format!("{ctx} → when: the decision can never apply, because its condition can never hold"),
            ));
        }
        self.decisions.push(DecisionEntry {
            decision: d,
            layer: layer.to_owned(),
        });
    }

    fn check_effect(
        &mut self,
        file: &LoadedFile,
        id: &str,
        ctx: &str,
        layer: LayerKind,
        target: Target,
        e: &Effect,
    ) {
        let verdict = matches!(
            e,
            Effect::Permit
                | Effect::Incomplete
                | Effect::Defer
                | Effect::NotRecommend
                | Effect::Refuse
        );
        let name = effect_name(e);
        if verdict && target == Target::Case {
            self.problems.0.push(file.err(
                id,
                None,
                format!("{ctx} → then: {name} gives a verdict, but a decision about the Case has none; apply it to Check or IeContact"),
            ));
        }
        if matches!(e, Effect::Defer) && target == Target::Check {
            self.problems.0.push(file.err(
                id,
                None,
                format!("{ctx} → then: Defer applies only to IeContact; a check is permitted, incomplete, not recommended or refused"),
            ));
        }
        if matches!(e, Effect::Permit) && matches!(layer, LayerKind::Overlay | LayerKind::Profile) {
            self.problems.0.push(file.err(
                id,
                None,
                format!("{ctx} → then: Permit would loosen the national guidance; an overlay or force profile may only make verdicts stricter"),
            ));
        }
        let (action, wanted) = match e {
            Effect::Require(a) => (a, ActionKind::Required),
            Effect::Prohibit(a) => (a, ActionKind::Prohibited),
            _ => return,
        };
        match self.actions.iter().find(|x| &x.id == action) {
            None => {
                let hint = if matches!(layer, LayerKind::Overlay | LayerKind::Profile) {
                    " (actions are declared by the national pack; an overlay or profile can only use them)"
                } else {
                    ""
                };
                self.problems.0.push(file.err(
                    id,
                    Some(action),
                    format!("{ctx} → then: {name}: no action \"{action}\"{hint}"),
                ));
            }
            Some(def) if def.kind != wanted => self.problems.0.push(file.err(
                id,
                Some(action),
                format!(
                    "{ctx} → then: {name}: action \"{action}\" is {:?}, not {wanted:?}",
                    def.kind
                ),
            )),
            Some(_) => {}
        }
    }

    /// A named condition must be defined before it is used, and read facts the
    /// condition using it can see.
    fn check_holds(
        &mut self,
        file: &LoadedFile,
        anchor: &str,
        ctx: &str,
        name: &str,
        allowed: &[Scope],
    ) {
        match self.definitions.get(name) {
            None => self.problems.0.push(file.err(
                anchor,
                Some(name),
                format!("{ctx} → Holds: no definition \"{name}\" (a definition must come before the conditions that use it)"),
            )),
            Some((scope, _)) if !allowed.contains(scope) => {
                self.problems.0.push(file.err(
                    anchor,
                    Some(name),
                    format!("{ctx} → Holds: definition \"{name}\" reads {scope:?} facts, which this condition cannot see"),
                ));
            }
            Some(_) => {}
        }
    }

    fn check_condition(
        &mut self,
        file: &LoadedFile,
        anchor: &str,
        ctx: &str,
        cond: &Condition,
        allowed: &[Scope],
    ) {
        let leaf = |f: &String, wanted: Option<FactKind>, values: &[String]| {
            (f.clone(), wanted, values.to_vec())
        };
        let (fact, wanted, values) = match cond {
            Condition::Always => return,
            Condition::All(cs) | Condition::Any(cs) => {
                if cs.is_empty() {
                    let op = condition_name(cond);
                    self.problems.0.push(file.err(
                        anchor,
                        None,
                        format!("{ctx}: {op}([]) is empty; list at least one condition"),
                    ));
                }
                for c in cs {
                    self.check_condition(file, anchor, ctx, c, allowed);
                }
                return;
            }
            Condition::Not(c) => {
                self.check_condition(file, anchor, ctx, c, allowed);
                return;
            }
            Condition::Holds(name) => {
                self.check_holds(file, anchor, ctx, name, allowed);
                return;
            }
            Condition::Is(f, v) => leaf(f, Some(FactKind::One), std::slice::from_ref(v)),
            Condition::In(f, vs) => leaf(f, Some(FactKind::One), vs),
            Condition::Has(f, vs) | Condition::Only(f, vs) => leaf(f, Some(FactKind::Many), vs),
            Condition::Mentions(f, _) => leaf(f, Some(FactKind::Text), &[]),
            Condition::Answered(f) => leaf(f, None, &[]),
        };
        let op = condition_name(cond);
        let Some(def) = self.facts.iter().find(|x| x.id == fact) else {
            let why = if self.later_facts.contains(&fact) {
                format!(
                    "fact \"{fact}\" is asked later; a question may only depend on questions asked before it"
                )
            } else {
                format!("no fact \"{fact}\"")
            };
            self.problems
                .0
                .push(file.err(anchor, Some(&fact), format!("{ctx} → {op}: {why}")));
            return;
        };
        if !allowed.contains(&def.scope) {
            self.problems.0.push(file.err(
                anchor,
                Some(&fact),
                format!(
                    "{ctx} → {op}: fact \"{fact}\" belongs to {:?}, which this condition cannot see",
                    def.scope
                ),
            ));
        }
        if let Some(w) = wanted
            && def.kind != w
        {
            self.problems.0.push(file.err(
                anchor,
                Some(&fact),
                format!(
                    "{ctx} → {op}: fact \"{fact}\" is {:?}; {op} needs a {w:?} fact",
                    def.kind
                ),
            ));
        }
        let list_empty = matches!(
            cond,
            Condition::In(_, vs) | Condition::Has(_, vs) | Condition::Only(_, vs) | Condition::Mentions(_, vs)
                if vs.is_empty()
        );
        if list_empty {
            self.problems.0.push(file.err(
                anchor,
                Some(&fact),
                format!("{ctx} → {op}: the list is empty"),
            ));
        }
        let unknown: Vec<String> = values
            .iter()
            .filter(|v| !def.values.iter().any(|x| &x.id == *v))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = def.values.iter().map(|x| x.id.as_str()).collect();
            let known = known.join(", ");
            for v in unknown {
                self.problems.0.push(file.err(
                    anchor,
                    Some(&v),
                    format!("{ctx} → {op}: fact \"{fact}\" has no value \"{v}\" (it has: {known})"),
                ));
            }
        }
    }

    fn finish(self) -> Result<Guidance, Diagnostics> {
        let mut problems = self.problems;
        if !problems.is_empty() {
            problems.normalise();
            return Err(problems);
        }
        let digest = super::digest::combined(self.layers.iter().map(|l| l.digest.as_str()));
        Ok(Guidance {
            layers: self.layers,
            profile: self.profile,
            sources: self.sources,
            rules: self.rules,
            facts: self.facts,
            actions: self.actions,
            decisions: self.decisions,
            steps: self.steps,
            digest,
        })
    }
}

fn scopes_for_fact(scope: Scope) -> Vec<Scope> {
    match scope {
        Scope::Case => vec![Scope::Case],
        Scope::Check => vec![Scope::Case, Scope::Check],
        Scope::IeContact => vec![Scope::Case, Scope::IeContact],
    }
}

fn scopes_for_target(target: Target) -> Vec<Scope> {
    match target {
        Target::Case => vec![Scope::Case],
        Target::Check => vec![Scope::Case, Scope::Check],
        Target::IeContact => vec![Scope::Case, Scope::IeContact],
    }
}

fn condition_name(c: &Condition) -> &'static str {
    match c {
        Condition::Always => "Always",
        Condition::Is(..) => "Is",
        Condition::In(..) => "In",
        Condition::Has(..) => "Has",
        Condition::Only(..) => "Only",
        Condition::Answered(..) => "Answered",
        Condition::Mentions(..) => "Mentions",
        Condition::All(..) => "All",
        Condition::Any(..) => "Any",
        Condition::Not(..) => "Not",
        Condition::Holds(..) => "Holds",
    }
}

fn effect_name(e: &Effect) -> &'static str {
    match e {
        Effect::Permit => "Permit",
        Effect::Incomplete => "Incomplete",
        Effect::Defer => "Defer",
        Effect::NotRecommend => "NotRecommend",
        Effect::Refuse => "Refuse",
        Effect::Require(_) => "Require",
        Effect::Prohibit(_) => "Prohibit",
        Effect::Warn(_) => "Warn",
        Effect::Note => "Note",
    }
}

/// A plausible calendar date written `YYYY-MM-DD`.
fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2999).contains(&year) && (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2018-12-07"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2018-13-01"));
        assert!(!is_iso_date("7 Dec 2018"));
        assert!(!is_iso_date("2018-1-07"));
    }
}
