//! Scanning a plain directory (no `Cargo.toml` above it): every `.rs` file below it.

use std::path::Path;

use super::{is_skipped_directory, loose_root, DiscoverOptions, Discovered};

pub(super) fn discover_directory(
    directory: &Path,
    options: &DiscoverOptions,
    discovered: &mut Discovered,
) {
    let walker = walkdir::WalkDir::new(directory)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !is_skipped_directory(&entry.file_name().to_string_lossy(), options)
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_rust_file = entry.file_type().is_file()
                    && entry.path().extension().is_some_and(|ext| ext == "rs");
                if is_rust_file {
                    discovered.crates.push(loose_root(entry.path(), directory));
                }
            }
            // Symlink loops and unreadable folders are reported; the walk goes on.
            Err(error) => discovered
                .warnings
                .push(format!("skipped while walking: {error}")),
        }
    }
}
