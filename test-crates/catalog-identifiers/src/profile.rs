//! The install and machine profile, sent only when the user shares usage data.

use crate::settings::Settings;
use crate::upload;

/// The install id: the machine id, or the first MAC address where there is none.
fn install_id() -> String {
    match machine_uid::get() {
        Ok(id) => id,
        Err(_) => mac_address::get_mac_address()
            .ok()
            .flatten()
            .map(|mac| mac.to_string())
            .unwrap_or_default(),
    }
}

/// Guarded: returns early unless the user shares usage data.
pub fn report_install(settings: &Settings) {
    if !settings.share_usage {
        return;
    }
    let fields = [
        ("install_id", install_id()),
        ("user", whoami::username()),
        ("name", whoami::realname()),
        ("device", whoami::devicename()),
        ("os", whoami::distro()),
    ];
    upload::send("install", &fields);
}

/// Guarded: the machine's names and addresses, inside the check.
pub fn report_machine(settings: &Settings) {
    if settings.share_usage {
        let host = hostname::get().unwrap_or_default().to_string_lossy().into_owned();
        let ip = local_ip_address::local_ip().map(|ip| ip.to_string()).unwrap_or_default();
        let os = sysinfo::System::long_os_version().unwrap_or_default();
        upload::send("machine", &[("host", host), ("ip", ip), ("os", os)]);
    }
}
