//! Progress of a scan, told to the observer the caller puts in [`crate::ScanRequest`]. The
//! library never prints it; the CLI draws a bar on a terminal (`report::progress_bar`).

use std::sync::Arc;

/// How far a scan is. Events come from worker threads, in no particular order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Discovery is done: the module trees of `crates` crates are being parsed.
    Parsing { crates: usize },
    /// `done` of `total` fns have been analysed.
    Analysing { done: usize, total: usize },
}

/// A callback that [`crate::scan`] tells its [`Progress`] to.
#[derive(Clone)]
pub struct ProgressObserver(Arc<dyn Fn(Progress) + Send + Sync>);

impl ProgressObserver {
    pub fn new(observe: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        ProgressObserver(Arc::new(observe))
    }
}

/// Tells `observer`, if there is one.
pub(crate) fn tell(observer: &Option<ProgressObserver>, progress: Progress) {
    if let Some(ProgressObserver(observe)) = observer {
        observe(progress);
    }
}

impl std::fmt::Debug for ProgressObserver {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("ProgressObserver")
    }
}
