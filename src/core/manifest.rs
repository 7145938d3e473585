//! The published digests of the national guidance.
//!
//! The manifest (`guidance/national.sha256`, compiled into the binary) lists
//! the SHA-256 digest of every national pack and overlay as published, one
//! `<digest>  <folder>/<file>` line each: the format `sha256sum` writes and
//! checks, so `scripts/update-manifest.sh` regenerates it and `sha256sum -c`
//! verifies a folder by hand. A pack or overlay whose digest is not the one
//! published under its name is "national guidance modified locally".

use std::collections::BTreeMap;

/// Published digests, by path relative to the guidance folder (`national/x.ron`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    digests: BTreeMap<String, String>,
}

/// How a national file compares with the manifest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Published {
    /// Byte for byte the published file.
    Yes,
    /// Published under this name, but its bytes differ.
    Modified,
    /// No file of this name was published.
    NotPublished,
}

impl Manifest {
    /// Reads a manifest. Lines that are blank or start with `#` are ignored; a line
    /// that is not `<64 hex digits>  <path>` is an error naming its number.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut digests = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (digest, path) = line
                .split_once("  ")
                .or_else(|| line.split_once(" *"))
                .ok_or_else(|| format!("line {}: expected `<sha256>  <path>`", i + 1))?;
            let hex = digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit());
            if !hex || path.is_empty() {
                return Err(format!("line {}: expected `<sha256>  <path>`", i + 1));
            }
            digests.insert(path.to_owned(), digest.to_ascii_lowercase());
        }
        Ok(Self { digests })
    }

    /// Whether the file published as `path` has this `digest`.
    pub fn check(&self, path: &str, digest: &str) -> Published {
        match self.digests.get(path) {
            Some(d) if d == digest => Published::Yes,
            Some(_) => Published::Modified,
            None => Published::NotPublished,
        }
    }

    /// Every published path and digest, in path order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.digests.iter().map(|(p, d)| (p.as_str(), d.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sha256sum_lines_and_compares() {
        let d = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let m = Manifest::parse(&format!("# published\n{d}  national/a.ron\n")).expect("parses");
        assert_eq!(m.check("national/a.ron", d), Published::Yes);
        assert_eq!(
            m.check("national/a.ron", &"0".repeat(64)),
            Published::Modified
        );
        assert_eq!(m.check("national/b.ron", d), Published::NotPublished);
        assert!(Manifest::parse("abc  national/a.ron").is_err());
        assert!(Manifest::parse(d).is_err());
    }
}
