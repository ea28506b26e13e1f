//! Stand-in for `sentry` 0.42: <https://docs.rs/sentry/0.42.0>.

use std::sync::Arc;

pub mod protocol {
    //! The event protocol.

    use std::collections::BTreeMap;

    pub use serde_json::Value;

    pub type Map<K, V> = BTreeMap<K, V>;

    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub enum Level {
        Debug,
        #[default]
        Info,
        Warning,
        Error,
        Fatal,
    }

    #[derive(Clone, Debug, Default)]
    pub struct User {
        pub id: Option<String>,
        pub email: Option<String>,
        pub ip_address: Option<String>,
        pub username: Option<String>,
        pub other: Map<String, Value>,
    }

    #[derive(Clone, Debug, Default)]
    pub struct Breadcrumb {
        pub ty: String,
        pub category: Option<String>,
        pub level: Level,
        pub message: Option<String>,
        pub data: Map<String, Value>,
    }

    #[derive(Clone, Debug, Default)]
    pub struct Event<'a> {
        pub message: Option<String>,
        pub level: Level,
        pub user: Option<User>,
        pub tags: Map<String, String>,
        pub extra: Map<String, Value>,
        pub transaction: Option<std::borrow::Cow<'a, str>>,
    }

    #[derive(Clone, Debug)]
    pub enum Context {
        Other(Map<String, Value>),
    }

    impl From<Map<String, Value>> for Context {
        fn from(map: Map<String, Value>) -> Context {
            Context::Other(map)
        }
    }
}

pub use protocol::{Breadcrumb, Level, User};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Uuid(u128);

/// What can be added as breadcrumbs.
pub trait IntoBreadcrumbs {
    fn into_breadcrumbs(self) -> Vec<Breadcrumb>;
}

impl IntoBreadcrumbs for Breadcrumb {
    fn into_breadcrumbs(self) -> Vec<Breadcrumb> {
        vec![self]
    }
}

#[derive(Clone, Debug, Default)]
pub struct ClientOptions {
    pub release: Option<std::borrow::Cow<'static, str>>,
    pub send_default_pii: bool,
}

pub struct ClientInitGuard;

/// Initializes the SDK with a DSN and options.
pub fn init<C>(opts: C) -> ClientInitGuard {
    let _ = opts;
    ClientInitGuard
}

/// What is attached to every event.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    user: Option<User>,
    tags: Vec<(String, String)>,
}

impl Scope {
    pub fn set_user(&mut self, user: Option<User>) {
        self.user = user;
    }

    pub fn set_tag<V: ToString>(&mut self, key: &str, value: V) {
        self.tags.push((key.to_string(), value.to_string()));
    }

    pub fn set_extra(&mut self, key: &str, value: protocol::Value) {
        self.tags.push((key.to_string(), value.to_string()));
    }

    pub fn set_context<C: Into<protocol::Context>>(&mut self, key: &str, value: C) {
        let _ = (key, value.into());
    }
}

/// The current hub: a client and a scope stack.
#[derive(Default)]
pub struct Hub {
    scope: Scope,
}

impl Hub {
    pub fn current() -> Arc<Hub> {
        Arc::new(Hub::default())
    }

    pub fn capture_message(&self, msg: &str, level: Level) -> Uuid {
        let _ = (&self.scope, msg, level);
        Uuid::default()
    }

    pub fn capture_event(&self, event: protocol::Event<'static>) -> Uuid {
        let _ = event;
        Uuid::default()
    }
}

pub fn capture_message(msg: &str, level: Level) -> Uuid {
    Hub::current().capture_message(msg, level)
}

pub fn capture_error<E: std::error::Error + ?Sized>(error: &E) -> Uuid {
    capture_message(&error.to_string(), Level::Error)
}

pub fn capture_event(event: protocol::Event<'static>) -> Uuid {
    Hub::current().capture_event(event)
}

pub fn add_breadcrumb<B: IntoBreadcrumbs>(breadcrumb: B) {
    let _ = breadcrumb.into_breadcrumbs();
}

pub fn configure_scope<F, R>(f: F) -> R
where
    F: FnOnce(&mut Scope) -> R,
{
    f(&mut Scope::default())
}

pub fn with_scope<C, F, R>(scope_config: C, callback: F) -> R
where
    C: FnOnce(&mut Scope),
    F: FnOnce() -> R,
{
    scope_config(&mut Scope::default());
    callback()
}
