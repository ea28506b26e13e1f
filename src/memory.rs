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

/// A global allocator over `A` that can count the bytes alive: the benchmark's `--live-heap`
/// uses it to tell what a scan keeps from what the allocator keeps resident around it (holes
/// between long-lived values that short-lived ones left). Counting is off until
/// [`count_live_heap`] switches it on; off, each allocation costs one more relaxed load.
pub struct LiveHeapCounter<A>(pub A);

static COUNTING_LIVE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
/// Signed: a block allocated before counting began and freed after counts below zero.
static LIVE_BYTES: std::sync::atomic::AtomicIsize = std::sync::atomic::AtomicIsize::new(0);
static MOST_LIVE_BYTES: std::sync::atomic::AtomicIsize = std::sync::atomic::AtomicIsize::new(0);

impl<A> LiveHeapCounter<A> {
    fn counted(&self, change: isize) {
        use std::sync::atomic::Ordering::Relaxed;
        if COUNTING_LIVE.load(Relaxed) {
            let live = LIVE_BYTES.fetch_add(change, Relaxed) + change;
            if change > 0 {
                MOST_LIVE_BYTES.fetch_max(live, Relaxed);
            }
        }
    }
}

// SAFETY: every call goes to `A` unchanged; counting only adds up sizes.
unsafe impl<A: std::alloc::GlobalAlloc> std::alloc::GlobalAlloc for LiveHeapCounter<A> {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let block = self.0.alloc(layout);
        if !block.is_null() {
            self.counted(layout.size() as isize);
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        let block = self.0.alloc_zeroed(layout);
        if !block.is_null() {
            self.counted(layout.size() as isize);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: std::alloc::Layout) {
        self.0.dealloc(block, layout);
        self.counted(-(layout.size() as isize));
    }

    unsafe fn realloc(
        &self,
        block: *mut u8,
        layout: std::alloc::Layout,
        new_size: usize,
    ) -> *mut u8 {
        let moved = self.0.realloc(block, layout, new_size);
        if !moved.is_null() {
            self.counted(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

/// Switches on the counting of a [`LiveHeapCounter`] (for the rest of the process).
pub fn count_live_heap() {
    COUNTING_LIVE.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// What a [`LiveHeapCounter`] counts, in KiB: the bytes alive now and the most that were
/// alive at once; `None` unless it is the allocator and counting.
pub fn live_heap_kib() -> Option<(u64, u64)> {
    use std::sync::atomic::Ordering::Relaxed;
    let kib = |bytes: isize| bytes.max(0) as u64 / 1024;
    COUNTING_LIVE.load(Relaxed).then(|| {
        (
            kib(LIVE_BYTES.load(Relaxed)),
            kib(MOST_LIVE_BYTES.load(Relaxed)),
        )
    })
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

#[cfg(test)]
mod tests {
    use std::alloc::{GlobalAlloc, Layout, System};

    use super::{count_live_heap, live_heap_kib, LiveHeapCounter};

    #[test]
    fn the_counter_adds_up_what_is_alive_and_the_most_that_was() {
        // Only what goes through this counter is counted: the tests' own allocator is
        // another.
        let counter = LiveHeapCounter(System);
        count_live_heap();
        let (alive_before, _) = live_heap_kib().expect("counting is on");
        let layout = Layout::from_size_align(512 * 1024, 8).expect("a valid layout");
        // SAFETY: each block is freed once, with the layout (and size) it has.
        unsafe {
            let block = counter.alloc(layout);
            let zeroed = counter.alloc_zeroed(layout);
            assert!(!block.is_null() && !zeroed.is_null());
            assert_eq!(live_heap_kib().expect("counting").0, alive_before + 1024);
            let grown = counter.realloc(block, layout, 1024 * 1024);
            assert!(!grown.is_null());
            let (alive, most) = live_heap_kib().expect("counting");
            assert_eq!(alive, alive_before + 1536);
            assert!(most >= alive);
            counter.dealloc(zeroed, layout);
            counter.dealloc(
                grown,
                Layout::from_size_align(1024 * 1024, 8).expect("a valid layout"),
            );
        }
        let (alive, most) = live_heap_kib().expect("counting");
        assert_eq!(alive, alive_before);
        assert!(most >= alive_before + 1536);
    }
}
