//! Stand-in for `attohttpc` 0.29 with the `json` and `form` features:
//! <https://docs.rs/attohttpc/0.29.2>. The body type parameter is narrowed to one type.

use std::time::Duration;

use serde::Serialize;

#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("attohttpc error")
    }
}

impl std::error::Error for Error {}

pub type Result<T = ()> = std::result::Result<T, Error>;

pub struct Response {
    status: u16,
}

impl Response {
    pub fn is_success(&self) -> bool {
        self.status < 300
    }

    pub fn text(self) -> Result<String> {
        Ok(String::new())
    }
}

#[derive(Clone, Default)]
pub struct RequestBuilder {
    url: String,
    headers: Vec<(String, String)>,
    params: Vec<(String, String)>,
    body: Vec<u8>,
}

impl RequestBuilder {
    fn new(url: &str) -> RequestBuilder {
        RequestBuilder {
            url: url.to_string(),
            ..RequestBuilder::default()
        }
    }

    pub fn header<V: ToString>(mut self, header: &str, value: V) -> Self {
        self.headers.push((header.to_string(), value.to_string()));
        self
    }

    pub fn param<K: AsRef<str>, V: ToString>(mut self, key: K, value: V) -> Self {
        self.params.push((key.as_ref().to_string(), value.to_string()));
        self
    }

    pub fn params<P, K, V>(mut self, pairs: P) -> Self
    where
        P: IntoIterator,
        P::Item: std::borrow::Borrow<(K, V)>,
        K: AsRef<str>,
        V: ToString,
    {
        for pair in pairs {
            let (key, value) = std::borrow::Borrow::borrow(&pair);
            self.params.push((key.as_ref().to_string(), value.to_string()));
        }
        self
    }

    pub fn bearer_auth(self, token: impl Into<String>) -> Self {
        let token: String = token.into();
        self.header("authorization", format!("Bearer {token}"))
    }

    pub fn basic_auth(self, username: impl std::fmt::Display, password: Option<impl std::fmt::Display>) -> Self {
        let password = password.map(|p| p.to_string()).unwrap_or_default();
        self.header("authorization", format!("Basic {username}:{password}"))
    }

    pub fn timeout(self, duration: Duration) -> Self {
        let _ = duration;
        self
    }

    pub fn json<T: Serialize>(self, value: &T) -> Result<RequestBuilder> {
        let _ = value;
        Ok(self)
    }

    pub fn form<T: Serialize>(self, value: &T) -> Result<RequestBuilder> {
        let _ = value;
        Ok(self)
    }

    pub fn text<B: AsRef<str>>(mut self, body: B) -> RequestBuilder {
        self.body = body.as_ref().as_bytes().to_vec();
        self
    }

    pub fn bytes<B: AsRef<[u8]>>(mut self, body: B) -> RequestBuilder {
        self.body = body.as_ref().to_vec();
        self
    }

    pub fn prepare(self) -> PreparedRequest {
        PreparedRequest { builder: self }
    }

    pub fn send(self) -> Result<Response> {
        self.prepare().send()
    }
}

pub struct PreparedRequest {
    builder: RequestBuilder,
}

impl PreparedRequest {
    pub fn url(&self) -> &str {
        &self.builder.url
    }

    pub fn send(&mut self) -> Result<Response> {
        let _ = (&self.builder.headers, &self.builder.params, &self.builder.body);
        Ok(Response { status: 200 })
    }
}

/// Shares headers and settings between requests.
#[derive(Clone, Default)]
pub struct Session {
    headers: Vec<(String, String)>,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    pub fn header<V: ToString>(&mut self, header: &str, value: V) {
        self.headers.push((header.to_string(), value.to_string()));
    }

    pub fn get<U: AsRef<str>>(&self, base_url: U) -> RequestBuilder {
        let mut builder = RequestBuilder::new(base_url.as_ref());
        builder.headers.extend(self.headers.iter().cloned());
        builder
    }

    pub fn post<U: AsRef<str>>(&self, base_url: U) -> RequestBuilder {
        let mut builder = RequestBuilder::new(base_url.as_ref());
        builder.headers.extend(self.headers.iter().cloned());
        builder
    }
}

pub fn get<U: AsRef<str>>(base_url: U) -> RequestBuilder {
    RequestBuilder::new(base_url.as_ref())
}

pub fn post<U: AsRef<str>>(base_url: U) -> RequestBuilder {
    RequestBuilder::new(base_url.as_ref())
}

pub fn put<U: AsRef<str>>(base_url: U) -> RequestBuilder {
    RequestBuilder::new(base_url.as_ref())
}

pub fn patch<U: AsRef<str>>(base_url: U) -> RequestBuilder {
    RequestBuilder::new(base_url.as_ref())
}

pub fn delete<U: AsRef<str>>(base_url: U) -> RequestBuilder {
    RequestBuilder::new(base_url.as_ref())
}
