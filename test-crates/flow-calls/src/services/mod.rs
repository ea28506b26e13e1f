//! The app's services.

pub mod session;
