//! The lowered bodies of every fn, kept apart from the rest of their facts so that each can be
//! freed as soon as nothing will read it again.
//!
//! Bodies are the largest part of what a scan holds, and few stages read them: resolution
//! reads every body once, propagation walks only the relevant ones, each within its
//! component's walk, and nothing after it reads any. So they are kept packed
//! ([`PackedBody`]) and unpacked by each reader, and propagation releases a body when it
//! knows it will not walk it, or has walked it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::facts::body::{Body, PackedBody};
use crate::memory::Releasable;
use crate::parse::ParsedCrate;
use crate::resolve::FnId;

pub struct Bodies {
    packed: Releasable<PackedBody>,
    /// Whether each fn was written with a body (a trait method's declaration has none): still
    /// known once the body is released.
    written: Vec<bool>,
    /// How many times a body could not be unpacked (see [`Bodies::unreadable`]).
    unreadable: AtomicUsize,
}

impl Bodies {
    /// Takes every fn's body out of its facts, in the order [`super::Symbols::build`] numbers
    /// fns: crate by crate, file by file, fn by fn.
    pub(super) fn take_from(crates: &mut [ParsedCrate]) -> Bodies {
        let (bodies, written): (Vec<_>, Vec<_>) = crates
            .iter_mut()
            .flat_map(|parsed| &mut parsed.files)
            .flat_map(|file| &mut file.fns)
            .map(|function| {
                let body = function.take_body();
                let written = body.is_some();
                (body, written)
            })
            .unzip();
        Bodies {
            packed: Releasable::new(bodies),
            written,
            unreadable: AtomicUsize::new(0),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.packed.len()
    }

    /// The fn's body, unpacked, unless it has none or it was released (or could not be
    /// unpacked: counted in [`Bodies::unreadable`]).
    pub fn get(&self, id: FnId) -> Option<Arc<Body>> {
        let packed = self.packed(id)?;
        match packed.unpack() {
            Ok(body) => Some(body),
            Err(_) => {
                self.unreadable.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// The fn's body as it is kept: its parameters and literals are read without unpacking.
    pub fn packed(&self, id: FnId) -> Option<Arc<PackedBody>> {
        self.packed.get(id.0 as usize)
    }

    pub fn is_written(&self, id: FnId) -> bool {
        self.written[id.0 as usize]
    }

    /// How many reads found a body that would not unpack, and saw no body instead. Always
    /// zero unless packing has a bug; the scan says so in a note if not.
    pub fn unreadable(&self) -> usize {
        self.unreadable.load(Ordering::Relaxed)
    }

    /// Frees the fn's body (once whoever still reads it is done): nothing will read it again.
    pub fn release(&self, id: FnId) {
        self.packed.release(id.0 as usize);
    }

    /// Takes the fn's body out, for whoever frees it.
    pub fn take(&self, id: FnId) -> Option<Arc<PackedBody>> {
        self.packed.take(id.0 as usize)
    }
}

#[cfg(test)]
mod tests {
    use crate::discover::{discover, DiscoverOptions};
    use crate::parse::{parse_crates, ParseOptions};
    use crate::resolve::{FnId, Symbols};

    #[test]
    fn bodies_follow_fn_ids_and_a_released_one_is_still_known_as_written() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let root = directory.path();
        std::fs::create_dir(root.join("src")).expect("src/ is made");
        std::fs::write(
            root.join("Cargo.toml"),
            "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        )
        .expect("the manifest is written");
        std::fs::write(
            root.join("src/lib.rs"),
            "pub trait Shown { fn shown(&self); }\n\
             pub fn first(a: u8) {}\n\
             pub fn second(b: u8) { first(b) }\n",
        )
        .expect("the crate root is written");
        let options = DiscoverOptions {
            include_tests: false,
            features: None,
        };
        let discovered = discover(&[root.to_path_buf()], &options).expect("the package is found");
        let mut parsed = parse_crates(
            discovered.crates,
            &ParseOptions {
                include_tests: false,
                extra_categories: &[],
                extra_purposes: &[],
                exclude: &[],
                facts_cache: None,
            },
        );
        let symbols = Symbols::build(&mut parsed.crates);
        let named = |name: &str| -> FnId {
            symbols
                .all_fns()
                .find(|&id| symbols.function(id).name == name)
                .expect("the fn is indexed")
        };
        let bodies = symbols.bodies();
        let first_local = |id: FnId| {
            let body = bodies.get(id).expect("the fn has a body");
            body.locals[0].name.to_string()
        };
        assert_eq!(first_local(named("first")), "a");
        assert_eq!(first_local(named("second")), "b");
        assert!(!bodies.is_written(named("shown")));
        assert!(bodies.get(named("shown")).is_none());

        bodies.release(named("first"));
        assert!(bodies.get(named("first")).is_none());
        assert!(bodies.is_written(named("first")));
        assert_eq!(first_local(named("second")), "b");
    }
}
