//! Process-wide memory settings, for the binaries over this library (the tool and its
//! benchmark) to apply first thing; the stack the workers need; and freeing off the path the
//! report waits on.

/// Turns transparent huge pages off for this process (what `MIMALLOC_ALLOW_THP=0` asks of
/// mimalloc at start-up). Where the kernel's THP setting is `always`, as on many cloud
/// machines, the first touch of any part of a 2 MiB region makes the kernel zero all of it;
/// a scan allocates hundreds of MiB of short-lived values, and on the vendored benchmark
/// (2.1M lines, 2 cores) that zeroing was a third of its CPU time: with 4 KiB pages the scan
/// took 3.9 s instead of 4.6 s. Elsewhere it does nothing.
pub fn disable_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes integers only and touches no memory of ours; a kernel
    // that does not know it returns an error, which changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// The peak resident memory of this process so far, in KiB (`VmHWM`), where the system
/// reports it (Linux): read at the end of each stage, it tells which stage a scan's peak
/// memory comes from.
pub fn peak_resident_kib() -> Option<u64> {
    status_field_kib("/proc/self/status", "VmHWM:")
}

/// A field in KiB of a Linux `/proc/<pid>/status` file (`VmHWM:`, `VmRSS:`).
pub fn status_field_kib(status_path: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(status_path).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Stack of each worker thread. syn parses, and the analysis walks, expressions recursively;
/// machine-written code (a 5,000-term sum, a long `else if` chain) nests that deep without a
/// single bracket. The reservation is virtual: only the pages a deep file touches are used.
pub const WORKER_STACK_BYTES: usize = 512 * 1024 * 1024;

/// Frees what the analysis built on a thread of its own: on a large workspace freeing the
/// facts, sites and flows one by one took a tenth of a second that the report would wait for
/// (a process that exits first never frees them at all, as rustc does with its arenas).
pub fn drop_in_background<T: Send + 'static>(value: T) -> Option<std::thread::JoinHandle<()>> {
    // Freeing a lowered body recurses as deep as the body nests (a chain of 200,000 calls):
    // the thread gets the workers' stack. (It overflowed the default 2 MiB in a debug build
    // whenever it got that far before the process exited.)
    let owner = std::thread::Builder::new()
        .name("cargo-consent-drop".to_string())
        .stack_size(WORKER_STACK_BYTES);
    // With no thread to spare, the value is freed here, with the closure that held it.
    owner.spawn(move || drop(value)).ok()
}

/// One value per index, shared by its readers meanwhile and freed on its own as soon as
/// nothing will read it again (the lowered bodies, a walked fn's sites): a large program's
/// peak memory then holds only what is still to be read.
pub struct Releasable<T> {
    slots: Vec<std::sync::Mutex<Option<std::sync::Arc<T>>>>,
}

impl<T> Releasable<T> {
    pub fn new(values: impl IntoIterator<Item = Option<T>>) -> Releasable<T> {
        Releasable {
            slots: values
                .into_iter()
                .map(|value| std::sync::Mutex::new(value.map(std::sync::Arc::new)))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The value at `index`, unless there is none or it was released.
    pub fn get(&self, index: usize) -> Option<std::sync::Arc<T>> {
        self.slot(index).clone()
    }

    /// Puts a value in the slot (freeing the one it held).
    pub fn set(&self, index: usize, value: std::sync::Arc<T>) {
        *self.slot(index) = Some(value);
    }

    /// Takes the value out, for whoever frees it (once its other readers are done).
    pub fn take(&self, index: usize) -> Option<std::sync::Arc<T>> {
        self.slot(index).take()
    }

    /// Frees the value (once its other readers are done): nothing will read it again.
    pub fn release(&self, index: usize) {
        drop(self.take(index));
    }

    /// Every value still held, by index, for whoever takes them all back.
    pub fn into_values(self) -> impl Iterator<Item = Option<std::sync::Arc<T>>> {
        self.slots.into_iter().map(|slot| {
            slot.into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        })
    }

    fn slot(&self, index: usize) -> std::sync::MutexGuard<'_, Option<std::sync::Arc<T>>> {
        // Nothing can panic while a slot is locked (an `Arc` is cloned or taken); a poisoned
        // lock would still guard a whole slot.
        self.slots[index]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
