//! The handset the app runs on, and the identifiers the operating system hands out about it.

/// The phone the app is installed on.
pub struct Device {
    imei: String,
    /// The SIM operator as the OS reports it: mobile country code then mobile network code.
    sim_operator: String,
}

impl Device {
    /// Queries the operating system for this handset.
    pub fn current() -> Device {
        Device {
            imei: String::from("490154203237518"),
            sim_operator: String::from("310260"),
        }
    }

    /// The hardware identifier (IMEI): stable across reinstalls, so it tracks one person.
    #[consent::personal(device.id)]
    pub fn device_id(&self) -> String {
        self.imei.clone()
    }

    /// The mobile network code of the SIM's carrier.
    #[consent::personal(device.carrier)]
    pub fn carrier_code(&self) -> String {
        self.sim_operator[3..].to_string()
    }

    /// The mobile country code of the SIM.
    #[consent::personal(device.carrier)]
    pub fn country_code(&self) -> String {
        self.sim_operator[..3].to_string()
    }
}
