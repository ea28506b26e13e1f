//! Stand-in for `local-ip-address` 0.6: <https://docs.rs/local-ip-address/0.6.5>.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[derive(Debug)]
pub enum Error {
    LocalIpAddressNotFound,
    StrategyError(String),
    PlatformNotSupported(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Error {}

/// The machine's IPv4 address on its local network.
pub fn local_ip() -> Result<IpAddr, Error> {
    Ok(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// The machine's IPv6 address on its local network.
pub fn local_ipv6() -> Result<IpAddr, Error> {
    Ok(IpAddr::V6(Ipv6Addr::LOCALHOST))
}

/// Every network interface's name and address.
pub fn list_afinet_netifas() -> Result<Vec<(String, IpAddr)>, Error> {
    Ok(Vec::new())
}
