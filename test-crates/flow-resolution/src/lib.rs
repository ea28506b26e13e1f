//! Fixture `flow-resolution`: which calls are sinks and sources, found through Rust's name
//! resolution and receivers' types.
//!
//! Covers calls through `crate::`, `self::` and `super::` paths; `use` with groups, globs and
//! `as` aliases, and `use` inside a fn body; `pub use` re-exports (a facade module and a prelude
//! glob); nested inline modules, `mod foo;` files (one inside another) and `#[path]`;
//! `Self::` and associated fns; methods resolved by the receiver's type (`clients.rs`,
//! `receivers.rs`): parameter, `let x: T`, field, return type, `Type::new()`, `Type { .. }`,
//! `self`, `Arc<T>`, `Option<T>` and slice items, each next to the same-named method of an
//! unrelated type; trait methods (`exporters.rs`, `traits.rs`) through concrete types, trait
//! paths, generics, `impl Trait` and `dyn Trait`; and the by-name fallback for receivers whose
//! type cannot be known, with its limits (`unknown_receivers.rs`). Nothing is guarded: every marked case is an `unguarded_share`, every
//! unmarked sink call either is not a sink or gets no personal data.

#![allow(dead_code, unused)]

pub mod clients;
pub mod exporters;
#[path = "legacy_tracker.rs"]
mod legacy;
mod profile;
mod receivers;
mod telemetry;
mod traits;
mod unknown_receivers;

use std::fmt::Debug;

/// Calls by full `crate::` paths, into file modules.
pub mod absolute_paths {
    // the sink and the source by their `crate::` paths
    pub fn crate_paths() {
        crate::telemetry::upload(crate::profile::phone_number()); //~ unguarded_share
    }

    // a file module inside a file module
    pub fn nested_file_module() {
        let email = crate::profile::email_address();
        crate::telemetry::vendor::send_event("signup", email); //~ unguarded_share
    }

    // a module whose file is given by `#[path]`
    pub fn path_attribute_module() {
        crate::legacy::ping(crate::profile::phone_number()); //~ unguarded_share
    }

    // a call split over lines: the finding is where the callee path starts
    #[rustfmt::skip]
    pub fn call_over_lines() {
        crate::telemetry::vendor::send_event( //~ unguarded_share
            "profile_completed",
            crate::profile::email_address(),
        );
    }

    // the sink with nothing personal
    pub fn nothing_personal() {
        crate::telemetry::upload(crate::profile::app_version());
    }

    // the local log is not a sink
    pub fn not_a_sink() {
        crate::telemetry::record_locally(crate::profile::phone_number());
    }
}

/// An ads module with its own sink, reached by `self::` and `super::` from nested inline modules.
pub mod ads {
    use std::fmt::Debug;

    /// Adds people to the ad network's matching audience.
    #[consent::shares(with = "ad_network", purpose = "ads")]
    pub fn upload_audience<T: Debug>(members: T) {}

    // `self::` names this module's sink
    pub fn sync_audience() {
        self::upload_audience(crate::profile::phone_number()); //~ unguarded_share
    }

    pub mod retargeting {
        // `super::` reaches the parent's sink, `super::super::` the crate root
        pub fn retarget() {
            super::upload_audience(super::super::profile::email_address()); //~ unguarded_share
        }

        pub mod lookalike {
            use super::super::upload_audience;

            // three inline modules deep, with an import from two levels up
            pub fn seed_audience() {
                upload_audience(crate::profile::phone_number()); //~ unguarded_share
            }
        }
    }
}

/// `use` declarations: groups, globs, aliases, and a `use` inside a fn.
pub mod imports {
    pub mod grouped {
        use crate::profile::{app_version, phone_number};
        use crate::telemetry::{self, upload, vendor::send_event};

        // names imported by a `use` group
        pub fn group() {
            upload(phone_number()); //~ unguarded_share
        }

        // `self` in a group imports the module itself
        pub fn module_from_group() {
            telemetry::vendor::send_event("open", phone_number()); //~ unguarded_share
        }

        // a nested group
        pub fn nested_group() {
            send_event("open", phone_number()); //~ unguarded_share
        }

        // the imported sink with nothing personal
        pub fn nothing_personal() {
            upload(app_version());
        }
    }

    pub mod globbed {
        use crate::profile::*;
        use crate::telemetry::*;

        // names imported by globs
        pub fn glob() {
            upload(email_address()); //~ unguarded_share
        }

        // the glob brings the local log too, which is not a sink
        pub fn glob_non_sink() {
            record_locally(email_address());
        }
    }

    pub mod shadowed_glob {
        use crate::profile::*;
        use crate::telemetry::*;

        /// This module's own `upload`: it shadows the one the glob brings, and only caches.
        fn upload(payload: String) {}

        // a local item shadows a glob import of the same name
        pub fn local_item_wins() {
            upload(phone_number());
        }
    }

    pub mod aliased {
        use crate::profile::phone_number as msisdn;
        use crate::telemetry as analytics;
        use crate::telemetry::record_locally as upload;
        use crate::telemetry::upload as track;

        // `as` aliases of the sink and the source
        pub fn aliases() {
            track(msisdn()); //~ unguarded_share
        }

        // an alias of a module
        pub fn module_alias() {
            analytics::upload(msisdn()); //~ unguarded_share
        }

        // `upload` here is the local log under an alias: the path decides, not the name
        pub fn alias_named_like_a_sink() {
            upload(msisdn());
        }
    }

    // a `use` inside a fn body
    pub fn use_in_fn_body() {
        use crate::profile::phone_number;
        use crate::telemetry::upload;
        upload(phone_number()); //~ unguarded_share
    }
}

/// A facade that re-exports an SDK's items under other paths, as SDK crates do.
pub mod sdk {
    mod internal {
        pub mod transport {
            use std::fmt::Debug;

            /// Posts an event to Mixpanel.
            #[consent::shares(with = "mixpanel", purpose = "analytics")]
            pub fn post_event<T: Debug>(event: T) {}
        }

        pub mod identity {
            /// The advertising id of the device.
            #[consent::personal(device.id)]
            pub fn advertising_id() -> String {
                String::from("38400000-8cf0-11bd-b23e-10b96e40000d")
            }
        }

        /// The Mixpanel client.
        #[derive(Debug, Default)]
        pub struct Mixpanel;

        impl Mixpanel {
            /// A client with the project's token.
            pub fn new() -> Self {
                Mixpanel
            }

            /// Tracks one event.
            #[consent::shares(with = "mixpanel", purpose = "analytics")]
            pub fn track(&self, event: &str) {}
        }
    }

    pub use self::internal::identity::advertising_id as device_id;
    pub use self::internal::transport::post_event;
    pub use self::internal::Mixpanel;

    /// Everything at once, for `use sdk::prelude::*`.
    pub mod prelude {
        pub use super::internal::identity::*;
        pub use super::internal::transport::*;
    }
}

/// Calls under re-exported paths.
pub mod reexports {
    use crate::sdk;
    use crate::sdk::prelude::*;

    // the sink and the source under their re-exported (and renamed) paths
    pub fn reexported_paths() {
        sdk::post_event(sdk::device_id()); //~ unguarded_share
    }

    // both through a glob re-export
    pub fn prelude_glob() {
        post_event(advertising_id()); //~ unguarded_share
    }

    // a re-exported type's constructor and method
    pub fn reexported_type() {
        sdk::Mixpanel::new().track(&sdk::device_id()); //~ unguarded_share
    }
}

/// A crash reporter with associated fns.
pub struct Crashlytics;

impl Crashlytics {
    /// Logs a breadcrumb to the crash vendor (an associated fn, no receiver).
    #[consent::shares(with = "crashlytics", purpose = "crash_reporting")]
    pub fn log<T: Debug>(breadcrumb: T) {}

    /// Records a breadcrumb on the device only.
    pub fn log_locally<T: Debug>(breadcrumb: T) {}

    // `Self::` for an associated fn of the same impl
    pub fn log_signup() {
        Self::log(crate::profile::phone_number()); //~ unguarded_share
    }
}

// an associated fn by its `Type::` path
pub fn associated_fn() {
    Crashlytics::log(profile::email_address()); //~ unguarded_share
}

// an associated fn of the same type that is not a sink
pub fn associated_fn_not_a_sink() {
    Crashlytics::log_locally(profile::email_address());
}
