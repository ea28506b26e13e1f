//! Stand-in for `ureq` 3: <https://docs.rs/ureq/3.1.4>. Requests are `RequestBuilder`s typed
//! by whether they take a body; `call` sends one without, `send*` one with.

use std::marker::PhantomData;

use serde::Serialize;

pub mod typestate {
    //! Whether a request takes a body.

    pub struct WithBody;
    pub struct WithoutBody;
}

pub mod config {
    //! Agent configuration.

    #[derive(Clone, Default)]
    pub struct Config {
        pub(crate) user_agent: Option<String>,
    }

    pub struct ConfigBuilder<Scope> {
        pub(crate) config: Config,
        pub(crate) scope: std::marker::PhantomData<Scope>,
    }

    pub struct AgentScope;

    impl ConfigBuilder<AgentScope> {
        pub fn user_agent(mut self, value: &str) -> Self {
            self.config.user_agent = Some(value.to_string());
            self
        }

        pub fn build(self) -> Config {
            self.config
        }
    }
}

use config::{AgentScope, Config, ConfigBuilder};
use typestate::{WithBody, WithoutBody};

#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("error")
    }
}

impl std::error::Error for Error {}

pub struct Body;

impl Body {
    pub fn read_to_string(&mut self) -> Result<String, Error> {
        Ok(String::new())
    }
}

pub struct Response<B> {
    status: u16,
    body: B,
}

impl<B> Response<B> {
    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn body_mut(&mut self) -> &mut B {
        &mut self.body
    }
}

pub struct RequestBuilder<B> {
    agent: Agent,
    uri: String,
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
    _body: PhantomData<B>,
}

impl<Any> RequestBuilder<Any> {
    fn new(agent: Agent, uri: &str) -> Self {
        RequestBuilder {
            agent,
            uri: uri.to_string(),
            headers: Vec::new(),
            query: Vec::new(),
            _body: PhantomData,
        }
    }

    /// Appends a header.
    pub fn header<K: AsRef<str>, V: AsRef<str>>(mut self, key: K, value: V) -> Self {
        self.headers
            .push((key.as_ref().to_string(), value.as_ref().to_string()));
        self
    }

    /// Adds a query parameter.
    pub fn query<K: AsRef<str>, V: AsRef<str>>(mut self, key: K, value: V) -> Self {
        self.query
            .push((key.as_ref().to_string(), value.as_ref().to_string()));
        self
    }

    /// Adds several query parameters.
    pub fn query_pairs<I, K, V>(mut self, iter: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        for (key, value) in iter {
            self.query
                .push((key.as_ref().to_string(), value.as_ref().to_string()));
        }
        self
    }

    fn run(self) -> Result<Response<Body>, Error> {
        let _ = (&self.agent.config.user_agent, &self.uri, &self.headers, &self.query);
        Ok(Response {
            status: 200,
            body: Body,
        })
    }
}

impl RequestBuilder<WithoutBody> {
    /// Sends the request, without a body.
    pub fn call(self) -> Result<Response<Body>, Error> {
        self.run()
    }
}

impl RequestBuilder<WithBody> {
    /// Sets the `Content-Type` header.
    pub fn content_type<V: AsRef<str>>(self, content_type: V) -> Self {
        self.header("content-type", content_type)
    }

    /// Sends the request with a body (`&str`, `String`, `&[u8]`, ...).
    pub fn send<T: AsRef<[u8]>>(self, data: T) -> Result<Response<Body>, Error> {
        let _ = data.as_ref();
        self.run()
    }

    pub fn send_empty(self) -> Result<Response<Body>, Error> {
        self.run()
    }

    pub fn send_form<I, K, V>(self, iter: I) -> Result<Response<Body>, Error>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        self.query_pairs(iter).run()
    }

    pub fn send_json(self, data: impl Serialize) -> Result<Response<Body>, Error> {
        let _ = data;
        self.run()
    }
}

#[derive(Clone, Default)]
pub struct Agent {
    config: Config,
}

impl Agent {
    pub fn new_with_defaults() -> Agent {
        Agent::default()
    }

    pub fn new_with_config(config: Config) -> Agent {
        Agent { config }
    }

    pub fn config_builder() -> ConfigBuilder<AgentScope> {
        ConfigBuilder {
            config: Config::default(),
            scope: PhantomData,
        }
    }

    pub fn get<T: AsRef<str>>(&self, uri: T) -> RequestBuilder<WithoutBody> {
        RequestBuilder::new(self.clone(), uri.as_ref())
    }

    pub fn post<T: AsRef<str>>(&self, uri: T) -> RequestBuilder<WithBody> {
        RequestBuilder::new(self.clone(), uri.as_ref())
    }

    pub fn put<T: AsRef<str>>(&self, uri: T) -> RequestBuilder<WithBody> {
        RequestBuilder::new(self.clone(), uri.as_ref())
    }
}

impl From<Config> for Agent {
    fn from(config: Config) -> Agent {
        Agent::new_with_config(config)
    }
}

pub fn get<T: AsRef<str>>(uri: T) -> RequestBuilder<WithoutBody> {
    RequestBuilder::new(Agent::new_with_defaults(), uri.as_ref())
}

pub fn post<T: AsRef<str>>(uri: T) -> RequestBuilder<WithBody> {
    RequestBuilder::new(Agent::new_with_defaults(), uri.as_ref())
}

pub fn put<T: AsRef<str>>(uri: T) -> RequestBuilder<WithBody> {
    RequestBuilder::new(Agent::new_with_defaults(), uri.as_ref())
}

pub fn delete<T: AsRef<str>>(uri: T) -> RequestBuilder<WithoutBody> {
    RequestBuilder::new(Agent::new_with_defaults(), uri.as_ref())
}
