//! The module graph follows the pipeline (ARCHITECTURE.md): a stage uses only the stages and
//! foundations before it, never one after it. A `crate::` path to a later module in non-test
//! code fails here, with the place; so does a new top-level module nobody placed in the order.

use std::path::Path;

/// Every top-level module of `src/`, in pipeline order: foundations first, then the stages as
/// data flows through them, then `lib` (the crate root: the driver that runs them), then the
/// front ends that call it.
const LAYERS: &[&str] = &[
    // Foundations, used by every stage.
    "names",
    "source",
    "taxonomy",
    "memory",
    "incomplete",
    "finding",
    "progress",
    // The stages.
    "discover",
    "facts",
    "config",
    "store",
    "parse",
    "resolve",
    "propagate",
    "guards",
    "lints",
    "map",
    "report",
    "baseline",
    "cache",
    // The driver, then the front ends.
    "lib",
    "cli",
    "main",
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| *layer == module)
}

/// The top-level module a file of `src/` belongs to.
fn module_of(relative: &Path) -> String {
    let first = relative
        .components()
        .next()
        .expect("a file of src/ has a path")
        .as_os_str()
        .to_string_lossy()
        .to_string();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without its test module (`#[cfg(test)]` to the end: tests may use any
/// stage) and without comments.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end]
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(index, line)| (index + 1, line))
        .collect()
}

/// The top-level modules a line names with `crate::` paths.
fn crate_paths(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("crate::") {
        let after = &rest[start + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|ch| ch.is_alphanumeric() || *ch == '_')
            .collect();
        // `crate::ScanReport` and other items of the root are the root's.
        let before = &rest[..start];
        let inside_word = before
            .chars()
            .last()
            .is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
        if !name.is_empty() && !inside_word {
            found.push(name);
        }
        rest = after;
    }
    found
}

#[test]
fn no_module_uses_a_later_stage() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut back_edges = Vec::new();
    let mut unplaced = Vec::new();
    for entry in walkdir::WalkDir::new(&source).sort_by_file_name() {
        let entry = entry.expect("src/ is readable");
        if entry.path().extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(&source)
            .expect("below src/")
            .to_path_buf();
        let module = module_of(&relative);
        let Some(layer) = layer_of(&module) else {
            unplaced.push(module);
            continue;
        };
        let text = std::fs::read_to_string(entry.path()).expect("source files are UTF-8");
        for (number, line) in code_lines(&text) {
            for used in crate_paths(line) {
                // Items of the crate root (`crate::ScanRequest`) are the driver's, the last
                // layer; lower-case names are modules.
                let used_layer = match layer_of(&used) {
                    Some(used_layer) => used_layer,
                    None if used.starts_with(char::is_uppercase) || used == "scan" => {
                        layer_of("lib").expect("lib is a layer")
                    }
                    None => continue,
                };
                if used_layer > layer {
                    back_edges.push(format!(
                        "src/{}:{number}: `{module}` uses `{used}`, a later stage",
                        relative.display()
                    ));
                }
            }
        }
    }
    unplaced.sort();
    unplaced.dedup();
    assert!(
        unplaced.is_empty(),
        "top-level modules missing from LAYERS in tests/architecture.rs: {unplaced:?}"
    );
    assert!(
        back_edges.is_empty(),
        "the module graph runs backwards:\n{}",
        back_edges.join("\n")
    );
}

#[test]
fn the_checker_sees_a_back_edge() {
    let lines = code_lines("use crate::lints::ALL;\n// crate::report in a comment\n");
    let paths: Vec<String> = lines
        .iter()
        .flat_map(|(_, line)| crate_paths(line))
        .collect();
    assert_eq!(paths, vec!["lints".to_string()]);
    assert!(layer_of("config") < layer_of("lints"));
}
