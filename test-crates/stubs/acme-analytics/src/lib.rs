//! A vendor's analytics SDK in the style of Segment's: connect with a write key (or build a
//! client with `Analytics::builder`), then `track` events and `identify` users. It stands for
//! any SDK an app depends on and cannot annotate.

#[derive(Clone)]
pub struct Analytics {
    write_key: String,
}

impl Analytics {
    pub fn connect(write_key: &str) -> Analytics {
        Analytics {
            write_key: write_key.to_string(),
        }
    }

    /// Sends an event with its properties to the vendor.
    pub fn track(&self, event: &str, properties: &[(&str, &str)]) {
        let _ = (&self.write_key, event, properties);
    }

    /// Ties the following events to a user id.
    pub fn identify(&self, user_id: &str) {
        let _ = user_id;
    }

    /// Sends what is queued.
    pub fn flush(&self) {}
}

impl Analytics {
    /// Starts configuring a client.
    pub fn builder(write_key: &str) -> AnalyticsBuilder {
        AnalyticsBuilder {
            write_key: write_key.to_string(),
        }
    }
}

/// Configures a client before connecting it.
pub struct AnalyticsBuilder {
    write_key: String,
}

impl AnalyticsBuilder {
    pub fn build(self) -> Analytics {
        Analytics::connect(&self.write_key)
    }
}
