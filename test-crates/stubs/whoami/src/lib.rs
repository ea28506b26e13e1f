//! Stand-in for `whoami` 1: <https://docs.rs/whoami/1.6.0>.

use std::ffi::OsString;

pub type Result<T = (), E = std::io::Error> = std::result::Result<T, E>;

/// The user's username.
pub fn username() -> String {
    String::new()
}

pub fn username_os() -> OsString {
    OsString::new()
}

/// The user's real (full) name.
pub fn realname() -> String {
    String::new()
}

pub fn realname_os() -> OsString {
    OsString::new()
}

/// The device name ("pretty name").
pub fn devicename() -> String {
    String::new()
}

pub fn devicename_os() -> OsString {
    OsString::new()
}

#[deprecated(note = "use `fallible::hostname()` instead")]
pub fn hostname() -> String {
    String::new()
}

/// The name of the operating system distribution and (possibly) version.
pub fn distro() -> String {
    String::new()
}

pub mod fallible {
    //! Fallible versions of the root functions.

    use super::Result;
    use std::ffi::OsString;

    pub fn username() -> Result<String> {
        Ok(String::new())
    }

    pub fn username_os() -> Result<OsString> {
        Ok(OsString::new())
    }

    pub fn account() -> Result<String> {
        Ok(String::new())
    }

    pub fn account_os() -> Result<OsString> {
        Ok(OsString::new())
    }

    pub fn realname() -> Result<String> {
        Ok(String::new())
    }

    pub fn realname_os() -> Result<OsString> {
        Ok(OsString::new())
    }

    pub fn devicename() -> Result<String> {
        Ok(String::new())
    }

    pub fn devicename_os() -> Result<OsString> {
        Ok(OsString::new())
    }

    pub fn hostname() -> Result<String> {
        Ok(String::new())
    }

    pub fn distro() -> Result<String> {
        Ok(String::new())
    }
}
