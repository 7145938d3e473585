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

use std::collections::BTreeMap;

use crate::core::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::core::guidance::Guidance;
use crate::core::raw;
use crate::core::source::SourceText;

mod builder;
mod checks;
mod dates;
mod declare;
mod names;
mod tighten;

use builder::Builder;

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

    /// The national pack in force on `date` (`YYYY-MM-DD`): of the packs in
    /// effect by then, the latest that no pack in effect by then revises.
    /// `None` when no pack was yet in effect.
    pub fn pack_in_force_on(&self, date: &str) -> Option<&str> {
        let day: String = date.chars().take(10).collect();
        let in_effect: Vec<&raw::Pack> = self
            .files()
            .filter_map(|f| match &f.file {
                raw::GuidanceFile::Pack(p) if p.effective.as_str() <= day.as_str() => Some(p),
                _ => None,
            })
            .collect();
        in_effect
            .iter()
            .filter(|p| {
                !in_effect
                    .iter()
                    .any(|q| q.extends.as_deref() == Some(p.id.as_str()))
            })
            .max_by(|a, b| a.effective.cmp(&b.effective).then(a.id.cmp(&b.id)))
            .map(|p| p.id.as_str())
    }

    /// What a person calls a file: a pack's or overlay's title, a profile's force,
    /// with its effective date; the id itself if there is no such file.
    pub fn display_name<'a>(&'a self, id: &'a str) -> String {
        match self.get(id).map(|f| &f.file) {
            Some(raw::GuidanceFile::Pack(p)) => {
                format!("{} (in effect from {})", p.title, p.effective)
            }
            Some(raw::GuidanceFile::Overlay(o)) => o.title.clone(),
            Some(raw::GuidanceFile::Profile(p)) => {
                format!("{} (profile version {})", p.force, p.version)
            }
            None => id.to_owned(),
        }
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
            b.reading.extend(&pack.reading);
            b.add_pack(file, pack);
            // Steps: a revision without its own keeps its base's (see `steps.rs`).
            if !pack.steps.is_empty() {
                b.steps.clone_from(&pack.steps);
            }
            if !pack.steps.is_empty() || !pack.facts.is_empty() {
                let found = crate::core::steps::check(&file.src, &b.facts, &b.steps);
                b.problems.0.extend(found);
            }
            if parents.is_empty() {
                b.check_fixed_facts(file);
                b.check_fixed_actions(file);
            }
            ids.push(file.id().to_owned());
            Ok((b, ids))
        });
        if cache.keep {
            cache.chains.insert(pack_id.to_owned(), built.clone());
        }
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
    /// Keep each merged chain for the next pack, overlay or profile built on it
    /// (`lint`, which builds them all). A single `resolve` builds one chain once,
    /// and copying each level of it into a cache was most of its time.
    keep: bool,
}

impl ChainCache {
    fn thorough() -> Self {
        Self {
            thorough: true,
            keep: true,
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
