//! The synthetic workload: a workspace of annotated crates that gives the dataflow analysis real
//! work, where vendored code (which has no annotations) gives it almost none.
//!
//! Every crate has a `model` module (a `Classified` account with personal and check fields,
//! personal fns and types, a telemetry client whose methods are `shares` sinks) and a row of
//! modules. Each module has personal records, helper chains that run through every later module
//! of the crate and on into the previous crate (so a value can cross hundreds of fns before it
//! reaches a sink), entry points that send personal data guarded and unguarded in the shapes of
//! SPEC §4, and plain code with no personal data at all, as most of a real program is. The text
//! is deterministic; it is valid Rust syntax (checked with syn when written) but is never built.

use std::fmt::Write as _;
use std::path::Path;

/// How big the workspace is.
pub struct Shape {
    pub crates: usize,
    pub modules_per_crate: usize,
}

/// How many helper chains each module starts.
const CHAINS: usize = 4;

/// Writes the workspace into `directory` and returns a one-line summary.
pub fn workspace(directory: &Path, shape: &Shape) -> Result<String, String> {
    let mut files = 0;
    let mut lines = 0;
    let mut write = |relative: String, text: String| -> Result<(), String> {
        let path = directory.join(&relative);
        if relative.ends_with(".rs") {
            syn::parse_file(&text)
                .map_err(|error| format!("generated invalid Rust in {relative}: {error}"))?;
            files += 1;
            lines += text.lines().count();
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
        }
        std::fs::write(&path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))
    };
    write(
        "Cargo.toml".to_string(),
        "# Written by `cargo bench --bench scan -- --generate`: a synthetic annotated workspace.\n\
         [workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n"
            .to_string(),
    )?;
    for krate in 0..shape.crates {
        let name = crate_name(krate);
        write(format!("crates/{name}/Cargo.toml"), manifest(krate))?;
        write(format!("crates/{name}/src/lib.rs"), lib_rs(krate, shape))?;
        write(format!("crates/{name}/src/model.rs"), model_rs(krate))?;
        for module in 0..shape.modules_per_crate {
            write(
                format!("crates/{name}/src/{}.rs", module_name(module)),
                module_rs(krate, module, shape),
            )?;
        }
    }
    Ok(format!(
        "generated {} crates, {files} files, {lines} lines in {}",
        shape.crates,
        directory.display()
    ))
}

fn crate_name(krate: usize) -> String {
    format!("gen_{krate:03}")
}

fn module_name(module: usize) -> String {
    format!("m{module:02}")
}

fn manifest(krate: usize) -> String {
    let mut text = format!(
        "[package]\nname = \"{}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nconsent = \"0.1\"\n",
        crate_name(krate)
    );
    if krate > 0 {
        let previous = crate_name(krate - 1);
        let _ = writeln!(text, "{previous} = {{ path = \"../{previous}\" }}");
    }
    text
}

fn lib_rs(krate: usize, shape: &Shape) -> String {
    let mut text = format!(
        "//! Generated crate {krate}: a model of personal data and {} modules that move it.\n\n\
         pub mod model;\n",
        shape.modules_per_crate
    );
    for module in 0..shape.modules_per_crate {
        let _ = writeln!(text, "pub mod {};", module_name(module));
    }
    text.push_str("\npub use model::{Account, AdNetwork, GeoFix, Telemetry};\n\n");
    text.push_str("/// Runs every module's daily job.\npub fn run_all(account: &Account, telemetry: &Telemetry, ads: &AdNetwork) {\n");
    for module in 0..shape.modules_per_crate {
        let _ = writeln!(
            text,
            "    {}::daily(account, telemetry, ads);",
            module_name(module)
        );
    }
    text.push_str("}\n");
    text
}

fn model_rs(krate: usize) -> String {
    format!(
        r#"//! The data model of crate {krate}: who the user is, what they allowed, where data goes.

/// The signed-in user.
#[derive(consent::Classified, Clone, Debug, Default)]
pub struct Account {{
    #[personal(contact.phone_number)]
    pub phone: String,
    #[personal(contact.email)]
    pub email: String,
    #[personal(identity.name)]
    pub display_name: String,
    #[check(purpose = "analytics")]
    pub analytics_allowed: bool,
    #[opt_out(purpose = "ads")]
    pub ads_opt_out: bool,
    pub app_version: String,
    pub locale: String,
}}

impl Account {{
    #[consent::personal(device.id)]
    pub fn device_id(&self) -> String {{
        format!("device-{{}}", self.locale.len() + {krate})
    }}

    #[consent::personal(activity.usage)]
    pub fn sessions_today(&self) -> u32 {{
        (self.locale.len() as u32) * 3 + {krate}
    }}

    #[consent::check(purpose = "analytics")]
    pub fn allows_analytics(&self) -> bool {{
        self.analytics_allowed
    }}

    #[consent::check(purpose = "crash_reporting", with = "crashes-inc")]
    pub fn allows_crash_reports(&self) -> bool {{
        !self.locale.is_empty()
    }}

    #[consent::opt_out(purpose = "ads")]
    pub fn opted_out_of_ads(&self) -> bool {{
        self.ads_opt_out
    }}

    #[consent::declassify(reason = "a count of accounts, not about anyone")]
    pub fn cohort_size(&self) -> usize {{
        self.locale.len() * 1000
    }}
}}

/// A precise position fix from the device.
#[consent::personal(location.precise)]
#[derive(Clone, Copy, Debug, Default)]
pub struct GeoFix {{
    pub latitude: f64,
    pub longitude: f64,
}}

/// The analytics vendor's client.
#[derive(Default)]
pub struct Telemetry {{
    pub endpoint: String,
    pub sent: std::cell::Cell<u64>,
}}

impl Telemetry {{
    #[consent::shares(with = "metrics-inc", purpose = "analytics")]
    pub fn send(&self, event: &str, payload: String) {{
        self.sent.set(self.sent.get() + event.len() as u64 + payload.len() as u64);
    }}

    #[consent::shares(with = "crashes-inc", purpose = "crash_reporting", args = ["context"])]
    pub fn crash_report(&self, message: &str, context: String) {{
        let _ = (message, context);
    }}
}}

/// The advertising network's client.
#[derive(Default)]
pub struct AdNetwork {{
    pub audience: Vec<String>,
}}

impl AdNetwork {{
    #[consent::shares(with = "adnet", purpose = "ads")]
    pub fn upload_audience(&self, id: String) {{
        let _ = id;
    }}
}}

/// Where every module sends plain, non-personal counters.
pub fn version_ping(telemetry: &Telemetry, account: &Account) {{
    telemetry.send("version", account.app_version.clone());
}}
"#
    )
}

/// The next fn of helper chain `chain` after module `module` of crate `krate`: the same chain
/// in the next module, then in the first module of the previous crate, then nothing.
fn next_step(krate: usize, module: usize, chain: usize, shape: &Shape) -> Option<String> {
    if module + 1 < shape.modules_per_crate {
        return Some(format!("crate::{}::step_{chain}", module_name(module + 1)));
    }
    // Only chain 0 crosses into the previous crate, so some chains stay short.
    (krate > 0 && chain == 0)
        .then(|| format!("{}::{}::step_0", crate_name(krate - 1), module_name(0)))
}

fn module_rs(krate: usize, module: usize, shape: &Shape) -> String {
    let mut text = String::new();
    let seed = krate * 131 + module * 17;
    let _ = writeln!(
        text,
        "//! Generated module {module} of crate {krate}: records, helper chains, reports and plain code.\n"
    );
    text.push_str("use std::collections::HashMap;\n\n");
    text.push_str("use crate::model::{Account, AdNetwork, GeoFix, Telemetry};\n\n");

    // A record with personal and plain fields.
    let _ = write!(
        text,
        r#"/// What this module remembers about a user.
#[derive(consent::Classified, Clone, Debug, Default)]
pub struct Record{module} {{
    #[personal(contact.email)]
    pub email: String,
    #[personal(location.coarse)]
    pub city: String,
    pub build: u32,
    pub channel: String,
}}

impl Record{module} {{
    pub fn new(account: &Account, build: u32) -> Self {{
        Record{module} {{
            email: account.email.clone(),
            city: account.locale.to_uppercase(),
            build,
            channel: String::from("stable"),
        }}
    }}

    pub fn summary(&self) -> String {{
        format!("{{}}/{{}}", self.channel, self.build)
    }}

    pub fn contact_line(&self) -> String {{
        format!("{{}} in {{}}", self.email, self.city)
    }}
}}

"#
    );

    // Helper chains: each step transforms the value and hands it on.
    for chain in 0..CHAINS {
        let body = match (chain + seed) % 4 {
            0 => "let shaped = format!(\"{value}:{}\", value.len());".to_string(),
            1 => "let shaped = value.trim().to_string();".to_string(),
            2 => "let parts: Vec<&str> = value.split(':').collect();\n    let shaped = parts.join(\"-\");".to_string(),
            _ => "let shaped = if value.is_empty() { String::new() } else { value.clone() };".to_string(),
        };
        let tail = match next_step(krate, module, chain, shape) {
            Some(next) => format!("{next}(shaped)"),
            None => "shaped".to_string(),
        };
        let _ = write!(
            text,
            "/// Step {module} of helper chain {chain}.\npub fn step_{chain}(value: String) -> String {{\n    {body}\n    {tail}\n}}\n\n"
        );
    }

    // Reports: personal data to sinks, guarded and unguarded, in the shapes of SPEC §4.
    let _ = write!(
        text,
        r#"/// Guarded with an early return: clean.
pub fn report_engagement(account: &Account, telemetry: &Telemetry) {{
    if !account.allows_analytics() {{
        return;
    }}
    let sessions = account.sessions_today().to_string();
    telemetry.send("engagement", step_1(sessions));
}}

/// The phone number through a helper chain with no check: a leak.
pub fn report_daily_active(account: &Account, telemetry: &Telemetry) {{
    let msisdn = account.phone.clone();
    let shaped = step_0(msisdn);
    telemetry.send("daily_active", shaped);
}}

/// Guarded by the ads opt-out, but the share is for analytics: the wrong purpose.
pub fn report_campaign(account: &Account, telemetry: &Telemetry) {{
    if !account.opted_out_of_ads() {{
        telemetry.send("campaign", account.device_id());
    }}
}}

/// Only the record's plain fields leave: clean, field by field.
pub fn report_build(account: &Account, telemetry: &Telemetry) {{
    let record = Record{module}::new(account, {seed});
    telemetry.send("build", record.summary());
    telemetry.send("channel", record.channel.clone());
}}

/// The record's personal fields leave with a check: clean.
pub fn report_contact(account: &Account, telemetry: &Telemetry) {{
    let record = Record{module}::new(account, {module});
    let allowed = account.allows_analytics();
    if allowed && record.build > 3 {{
        telemetry.send("contact", record.contact_line());
    }}
}}

/// Every device id of a household to the ad network, after the opt-out: clean.
pub fn upload_household(accounts: &[Account], ads: &AdNetwork) {{
    for account in accounts {{
        if account.opted_out_of_ads() {{
            continue;
        }}
        let ids: Vec<String> = accounts.iter().map(|member| member.device_id()).collect();
        for id in ids {{
            ads.upload_audience(step_2(id));
        }}
    }}
}}

/// A position fix through a closure and a match, unguarded: a leak.
pub fn report_position(fix: GeoFix, telemetry: &Telemetry, precise: bool) {{
    let describe = |fix: GeoFix| format!("{{:.4}},{{:.4}}", fix.latitude, fix.longitude);
    let text = match precise {{
        true => describe(fix),
        false => String::from("somewhere"),
    }};
    telemetry.send("position", text);
}}

/// Crash context with the email, checked for crash reporting: clean.
pub fn report_crash(account: &Account, telemetry: &Telemetry, message: &str) {{
    match account.allows_crash_reports() {{
        true => telemetry.crash_report(message, step_3(account.email.clone())),
        _ => {{}}
    }}
}}

/// The guard is in the caller: clean once checks in callers count.
fn send_name(telemetry: &Telemetry, name: String) {{
    let decorated = format!("name={{name}}");
    telemetry.send("name", decorated);
}}

/// Checks, then calls the helper that shares.
pub fn report_name(account: &Account, telemetry: &Telemetry) {{
    if account.allows_analytics() {{
        send_name(telemetry, account.display_name.clone());
    }}
}}

/// A count of accounts, declassified: clean.
pub fn report_cohort(account: &Account, telemetry: &Telemetry) {{
    let size = account.cohort_size();
    telemetry.send("cohort", size.to_string());
}}

/// This module's daily job.
pub fn daily(account: &Account, telemetry: &Telemetry, ads: &AdNetwork) {{
    crate::model::version_ping(telemetry, account);
    report_engagement(account, telemetry);
    report_daily_active(account, telemetry);
    report_campaign(account, telemetry);
    report_build(account, telemetry);
    report_contact(account, telemetry);
    upload_household(std::slice::from_ref(account), ads);
    report_position(GeoFix::default(), telemetry, {module} % 2 == 0);
    report_crash(account, telemetry, "daily");
    report_name(account, telemetry);
    report_cohort(account, telemetry);
    let _ = plain_work(&[{seed}, {module}, {krate}]);
}}

"#
    );

    // Plain code, as most of a real program is: nothing personal, but fns, loops, matches,
    // closures and collections for the analysis to walk.
    for index in 0..4 {
        let offset = seed + index;
        let _ = write!(
            text,
            r#"/// Bookkeeping {index}: tallies values by bucket.
pub fn tally_{index}(values: &[u64]) -> HashMap<u64, usize> {{
    let mut buckets = HashMap::new();
    for value in values {{
        let bucket = match value % 7 {{
            0 => 0,
            1 | 2 => {offset} % 5,
            3..=5 => value / 3,
            _ => value.saturating_sub({index}),
        }};
        *buckets.entry(bucket).or_insert(0) += 1;
    }}
    let mut keys: Vec<u64> = buckets.keys().copied().collect();
    keys.sort_unstable();
    if let Some(largest) = keys.last() {{
        buckets.insert(largest + 1, keys.len());
    }}
    buckets
}}

"#
        );
    }
    let _ = write!(
        text,
        r#"/// Sums the buckets of every tally: nothing personal.
pub fn plain_work(values: &[usize]) -> usize {{
    let widened: Vec<u64> = values.iter().map(|value| *value as u64).collect();
    let mut total = 0;
    for (index, tally) in [tally_0(&widened), tally_1(&widened), tally_2(&widened), tally_3(&widened)]
        .iter()
        .enumerate()
    {{
        total += tally.values().sum::<usize>() * (index + 1);
        if total > 1_000_000 {{
            break;
        }}
    }}
    let label = match total {{
        0 => "none",
        1..=9 => "few",
        _ => "many",
    }};
    total + label.len()
}}

#[cfg(test)]
mod tests {{
    use super::*;

    #[test]
    fn plain_work_counts() {{
        assert!(plain_work(&[1, 2, 3]) > 0);
    }}
}}
"#
    );
    text
}
