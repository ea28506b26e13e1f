//! Stand-in for `if-addrs` 0.13: <https://docs.rs/if-addrs/0.13.4>.

use std::io;
use std::net::{IpAddr, Ipv4Addr};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ifv4Addr {
    pub ip: Ipv4Addr,
    pub netmask: Ipv4Addr,
    pub prefixlen: u8,
    pub broadcast: Option<Ipv4Addr>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IfAddr {
    V4(Ifv4Addr),
}

/// A network interface and one of its addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    pub name: String,
    pub addr: IfAddr,
    pub index: Option<u32>,
}

impl Interface {
    pub fn is_loopback(&self) -> bool {
        self.ip().is_loopback()
    }

    pub fn ip(&self) -> IpAddr {
        match &self.addr {
            IfAddr::V4(addr) => IpAddr::V4(addr.ip),
        }
    }
}

/// Every interface's addresses.
pub fn get_if_addrs() -> io::Result<Vec<Interface>> {
    Ok(Vec::new())
}
