//! The progress bar of a scan on a terminal, drawn on stderr with indicatif.
//!
//! It appears only once a scan has run for [`SHOW_AFTER`], so quick scans print nothing extra,
//! and it is cleared before the report is written. The CLI creates it only for the human format
//! and when stderr is a terminal; the library only calls the observer it is handed.

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::{Progress, ProgressObserver};

/// How long a scan runs before its progress is shown.
pub const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A progress bar that is hidden until [`SHOW_AFTER`] has passed.
pub struct TerminalProgress {
    bar: ProgressBar,
    /// Dropping it tells the timer thread that the scan is over.
    stop: Option<mpsc::Sender<()>>,
    timer: Option<JoinHandle<()>>,
}

impl TerminalProgress {
    pub fn start() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(spinner_style());
        bar.set_message("finding crates");
        bar.enable_steady_tick(Duration::from_millis(100));
        let (stop, stopped) = mpsc::channel::<()>();
        let shown_bar = bar.clone();
        let timer = std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(SHOW_AFTER) {
                shown_bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        });
        TerminalProgress {
            bar,
            stop: Some(stop),
            timer: Some(timer),
        }
    }

    /// The observer to put into the scan request.
    pub fn observer(&self) -> ProgressObserver {
        let bar = self.bar.clone();
        ProgressObserver::new(move |progress| match progress {
            Progress::Parsing { crates } => {
                bar.set_message(format!(
                    "parsing {crates} {}",
                    if crates == 1 { "crate" } else { "crates" }
                ));
            }
            Progress::Analysing { done, total } => {
                if bar.length() != Some(total as u64) {
                    bar.set_message("analysing fns");
                    bar.set_length(total as u64);
                    bar.set_style(bar_style());
                }
                // Workers report out of order; the bar never goes back.
                if done as u64 > bar.position() {
                    bar.set_position(done as u64);
                }
            }
        })
    }

    /// Clears the bar, so that the report starts on a clean line.
    pub fn finish(self) {
        drop(self);
    }
}

impl Drop for TerminalProgress {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(timer) = self.timer.take() {
            let _ = timer.join();
        }
        self.bar.finish_and_clear();
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} cargo-consent: {msg} ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template(
        "{spinner} cargo-consent: {msg} [{bar:30}] {pos}/{len} ({elapsed})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ")
}
