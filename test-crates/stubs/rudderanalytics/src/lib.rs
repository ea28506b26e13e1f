//! Stand-in for `rudderanalytics` 1.1, RudderStack's SDK: <https://docs.rs/rudderanalytics/1.1.4>.

pub mod errors {
    //! Errors.

    #[derive(Debug)]
    pub enum Error {
        InvalidRequest(String),
    }

    impl std::fmt::Display for Error {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{self:?}")
        }
    }

    impl std::error::Error for Error {}
}

pub mod message {
    //! The messages RudderStack accepts.

    use serde_json::Value;

    #[derive(Clone, Debug, Default)]
    pub struct Identify {
        pub user_id: Option<String>,
        pub anonymous_id: Option<String>,
        pub traits: Option<Value>,
        pub context: Option<Value>,
    }

    #[derive(Clone, Debug, Default)]
    pub struct Track {
        pub user_id: Option<String>,
        pub anonymous_id: Option<String>,
        pub event: String,
        pub properties: Option<Value>,
        pub context: Option<Value>,
    }

    #[derive(Clone, Debug, Default)]
    pub struct Page {
        pub user_id: Option<String>,
        pub anonymous_id: Option<String>,
        pub name: String,
        pub properties: Option<Value>,
    }

    #[derive(Clone, Debug)]
    pub enum Message {
        Identify(Identify),
        Track(Track),
        Page(Page),
    }
}

pub mod client {
    //! The client.

    use crate::errors::Error;
    use crate::message::Message;

    pub struct RudderAnalytics {
        pub write_key: String,
        pub data_plane_url: String,
    }

    impl RudderAnalytics {
        pub fn load(write_key: String, data_plane_url: String) -> RudderAnalytics {
            RudderAnalytics {
                write_key,
                data_plane_url,
            }
        }

        /// Sends one message to the data plane.
        pub fn send(&self, msg: &Message) -> Result<(), Error> {
            let _ = (&self.write_key, &self.data_plane_url, msg);
            Ok(())
        }
    }
}
