//! Tokens nobody declared: a type every value of which is made under a check runs its methods
//! under it (greptimedb's telemetry task: built after `enable_telemetry` was checked, run later
//! by a scheduler through `dyn Task`, on a chain of callers that checks nothing).
//!
//! Guarded: `Reporter`, made only by its constructor, which only a checked caller calls.
//! Broken: `LooseReporter`, also made once without a check; `DefaultReporter`, whose values can
//! also come from `Default` (no literal to see).

use crate::app::{Account, Metrics, Settings};

/// What the scheduler runs.
pub trait Task {
    fn run(&self);
}

/// Runs a task later; knows nothing of consent.
pub struct Scheduler {
    tasks: Vec<Box<dyn Task>>,
}

impl Scheduler {
    pub fn new() -> Scheduler {
        Scheduler { tasks: Vec::new() }
    }

    pub fn add(&mut self, task: Box<dyn Task>) {
        self.tasks.push(task);
    }

    pub fn tick(&self) {
        for task in &self.tasks {
            task.run();
        }
    }
}

impl Default for Scheduler {
    fn default() -> Scheduler {
        Scheduler::new()
    }
}

/// Made only under a check for analytics.
pub struct Reporter {
    metrics: Metrics,
    account: Account,
}

impl Reporter {
    fn new(metrics: Metrics, account: Account) -> Reporter {
        Reporter { metrics, account }
    }
}

impl Task for Reporter {
    fn run(&self) {
        self.metrics.report("usage", &self.account.phone_number());
    }
}

pub fn start_reporting(settings: &Settings, scheduler: &mut Scheduler, account: Account) {
    if !settings.allows_analytics() {
        return;
    }
    scheduler.add(Box::new(Reporter::new(Metrics, account)));
}

/// Made under the check once, and once without.
pub struct LooseReporter {
    metrics: Metrics,
    account: Account,
}

impl Task for LooseReporter {
    fn run(&self) {
        self.metrics.report("usage", &self.account.phone_number()); //~ unguarded_share
    }
}

pub fn start_loose_reporting(
    settings: &Settings,
    scheduler: &mut Scheduler,
    first: Account,
    second: Account,
) {
    if settings.allows_analytics() {
        let reporter = LooseReporter {
            metrics: Metrics,
            account: first,
        };
        scheduler.add(Box::new(reporter));
    }
    scheduler.add(Box::new(LooseReporter {
        metrics: Metrics,
        account: second,
    }));
}

/// Made under the check here, but `Default` makes values anywhere.
#[derive(Default)]
pub struct DefaultReporter {
    metrics: Metrics,
    account: Account,
}

impl Task for DefaultReporter {
    fn run(&self) {
        self.metrics.report("usage", &self.account.phone_number()); //~ unguarded_share
    }
}

pub fn start_default_reporting(settings: &Settings, scheduler: &mut Scheduler, account: Account) {
    if settings.allows_analytics() {
        scheduler.add(Box::new(DefaultReporter {
            metrics: Metrics,
            account,
        }));
    }
}
