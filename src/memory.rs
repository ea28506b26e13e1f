//! Process-wide memory settings, for the binaries over this library (the tool and its
//! benchmark) to apply first thing.

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
