//! The support bundle and network diagnostics: they send identifiers without asking.

use crate::upload;
use sysinfo::{Networks, System, Users};

/// Everything about the user and the machine, through whoami's fallible API.
pub fn upload_bundle() {
    let user = whoami::fallible::username().unwrap_or_default();
    let account = whoami::fallible::account().unwrap_or_default();
    let name = whoami::fallible::realname().unwrap_or_default();
    let device = whoami::fallible::devicename().unwrap_or_default();
    let host = whoami::fallible::hostname().unwrap_or_default();
    let distro = whoami::fallible::distro().unwrap_or_default();
    let fields = vec![
        ("user", user),
        ("account", account),
        ("name", name),
        ("device", device),
        ("host", host),
        ("distro", distro),
    ];
    upload::send("bundle", &fields); //~ unguarded_share
    upload_os_names();
}

/// The `OsString` flavours, converted for the upload.
fn upload_os_names() {
    let names = [
        whoami::username_os(),
        whoami::realname_os(),
        whoami::devicename_os(),
        whoami::fallible::username_os().unwrap_or_default(),
        whoami::fallible::account_os().unwrap_or_default(),
        whoami::fallible::realname_os().unwrap_or_default(),
        whoami::fallible::devicename_os().unwrap_or_default(),
        gethostname::gethostname(),
    ];
    let joined: Vec<String> = names.iter().map(|name| name.to_string_lossy().into_owned()).collect();
    upload::send("names", &[("names", joined.join(","))]); //~ unguarded_share
    #[allow(deprecated)]
    let legacy_host = whoami::hostname();
    upload::send("legacy", &[("host", legacy_host)]); //~ unguarded_share
}

/// Every interface's addresses, for "network diagnostics".
pub fn report_network() {
    let mut fields = Vec::new();
    for (name, ip) in local_ip_address::list_afinet_netifas().unwrap_or_default() {
        fields.push((name, ip.to_string()));
    }
    if let Ok(ip) = local_ip_address::local_ipv6() {
        fields.push(("v6".to_string(), ip.to_string()));
    }
    if let Ok(Some(mac)) = mac_address::mac_address_by_name("eth0") {
        fields.push(("eth0".to_string(), mac.to_string()));
    }
    if let Ok(macs) = mac_address::MacAddressIterator::new() {
        for mac in macs {
            fields.push(("mac".to_string(), mac.to_string()));
        }
    }
    for interface in if_addrs::get_if_addrs().unwrap_or_default() {
        if !interface.is_loopback() {
            fields.push((interface.name.clone(), interface.ip().to_string()));
        }
    }
    let networks = Networks::new_with_refreshed_list();
    for (interface, data) in networks.list() {
        fields.push((interface.clone(), data.mac_address().to_string()));
        for network in data.ip_networks() {
            fields.push((interface.clone(), network.addr.to_string()));
        }
    }
    let fields: Vec<(&str, String)> = fields.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    upload::send("network", &fields); //~ unguarded_share
}

/// The machine's accounts and host name.
pub fn report_accounts() {
    let users = Users::new_with_refreshed_list();
    let names: Vec<String> = users.list().iter().map(|user| user.name().to_string()).collect();
    let host = System::host_name().unwrap_or_default();
    upload::send("accounts", &[("users", names.join(",")), ("host", host)]); //~ unguarded_share
}
