//! Stand-in for `mac_address` 1: <https://docs.rs/mac_address/1.1.8>.

use std::fmt;

#[derive(Debug)]
pub enum MacAddressError {
    InternalError,
}

impl fmt::Display for MacAddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("internal error")
    }
}

impl std::error::Error for MacAddressError {}

/// A MAC address (EUI-48).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct MacAddress {
    bytes: [u8; 6],
}

impl MacAddress {
    pub fn new(bytes: [u8; 6]) -> MacAddress {
        MacAddress { bytes }
    }

    pub fn bytes(self) -> [u8; 6] {
        self.bytes
    }
}

impl fmt::Display for MacAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.bytes;
        write!(
            f,
            "{:02X}:{:02X}:{:02X}:{:02X}:{:02X}:{:02X}",
            b[0], b[1], b[2], b[3], b[4], b[5]
        )
    }
}

/// The address of the first interface that has one.
pub fn get_mac_address() -> Result<Option<MacAddress>, MacAddressError> {
    Ok(None)
}

/// The address of the named interface.
pub fn mac_address_by_name(name: &str) -> Result<Option<MacAddress>, MacAddressError> {
    let _ = name;
    Ok(None)
}

/// The name of the interface with this address.
pub fn name_by_mac_address(mac: &MacAddress) -> Result<Option<String>, MacAddressError> {
    let _ = mac;
    Ok(None)
}

/// Every interface's address.
pub struct MacAddressIterator {
    addresses: Vec<MacAddress>,
}

impl MacAddressIterator {
    pub fn new() -> Result<MacAddressIterator, MacAddressError> {
        Ok(MacAddressIterator {
            addresses: Vec::new(),
        })
    }
}

impl Iterator for MacAddressIterator {
    type Item = MacAddress;

    fn next(&mut self) -> Option<MacAddress> {
        self.addresses.pop()
    }
}
