//! Stamps the binary with a digest of the code it is built from (`CONSENT_BUILD_STAMP`): the
//! run cache (src/cache.rs) trusts only entries written by the same code, so a rebuilt binary
//! never loads the report of an old one. Hashing the executable at run time would say the
//! same, at the price of reading it on every run (100 MB for a debug build).

use std::hash::{Hash, Hasher};
use std::path::Path;

/// What the binary is made of, besides the dependencies that Cargo.lock pins.
const INPUTS: &[&str] = &[
    "src",
    "lints",
    "consent/src",
    "Cargo.toml",
    "Cargo.lock",
    "build.rs",
];

fn main() {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        let mut files: Vec<_> = walk(Path::new(input));
        files.sort();
        for file in files {
            file.hash(&mut hasher);
            std::fs::read(&file).unwrap_or_default().hash(&mut hasher);
        }
    }
    // The compiler and the target make other code from the same source.
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let version = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .map(|output| output.stdout)
        .unwrap_or_default();
    version.hash(&mut hasher);
    std::env::var("TARGET")
        .unwrap_or_default()
        .hash(&mut hasher);
    std::env::var("PROFILE")
        .unwrap_or_default()
        .hash(&mut hasher);
    println!(
        "cargo:rustc-env=CONSENT_BUILD_STAMP={:016x}",
        hasher.finish()
    );
}

/// Every file at or below `path`.
fn walk(path: &Path) -> Vec<std::path::PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let Ok(listing) = std::fs::read_dir(path) else {
        return Vec::new();
    };
    listing
        .flatten()
        .flat_map(|entry| walk(&entry.path()))
        .collect()
}
