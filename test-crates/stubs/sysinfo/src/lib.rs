//! Stand-in for `sysinfo` 0.37: <https://docs.rs/sysinfo/0.37.2>. Since 0.30 the host and OS
//! facts are associated functions of `System`, accounts live in `Users` and interfaces in
//! `Networks`.

use std::collections::HashMap;
use std::net::IpAddr;

#[derive(Default)]
pub struct System {
    processes: usize,
}

impl System {
    pub fn new() -> System {
        System::default()
    }

    pub fn new_all() -> System {
        System::default()
    }

    pub fn refresh_all(&mut self) {
        self.processes = 0;
    }

    /// The system's host name.
    pub fn host_name() -> Option<String> {
        None
    }

    /// The OS name with its version ("Linux 24.04 Ubuntu").
    pub fn long_os_version() -> Option<String> {
        None
    }

    pub fn total_memory(&self) -> u64 {
        self.processes as u64
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Uid(u32);

pub struct User {
    uid: Uid,
    name: String,
}

impl User {
    pub fn id(&self) -> &Uid {
        &self.uid
    }

    /// The account's login name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

#[derive(Default)]
pub struct Users {
    users: Vec<User>,
}

impl Users {
    pub fn new() -> Users {
        Users::default()
    }

    pub fn new_with_refreshed_list() -> Users {
        Users::default()
    }

    pub fn list(&self) -> &[User] {
        &self.users
    }

    pub fn get_user_by_id(&self, user_id: &Uid) -> Option<&User> {
        self.users.iter().find(|user| user.id() == user_id)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MacAddr(pub [u8; 6]);

impl std::fmt::Display for MacAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpNetwork {
    pub addr: IpAddr,
    pub prefix: u8,
}

pub struct NetworkData {
    mac: MacAddr,
    networks: Vec<IpNetwork>,
}

impl NetworkData {
    /// The interface's hardware address.
    pub fn mac_address(&self) -> MacAddr {
        self.mac
    }

    /// The interface's addresses with their prefixes.
    pub fn ip_networks(&self) -> &[IpNetwork] {
        &self.networks
    }

    pub fn total_received(&self) -> u64 {
        0
    }
}

#[derive(Default)]
pub struct Networks {
    interfaces: HashMap<String, NetworkData>,
}

impl Networks {
    pub fn new() -> Networks {
        Networks::default()
    }

    pub fn new_with_refreshed_list() -> Networks {
        Networks::default()
    }

    pub fn list(&self) -> &HashMap<String, NetworkData> {
        &self.interfaces
    }
}
