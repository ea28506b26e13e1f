//! Stand-in for `reqwest` 0.12, async and `blocking`: <https://docs.rs/reqwest/0.12.23>.
//! Header-name and -value conversions are narrowed to the common `&str`/`String` forms.

use std::time::Duration;

use serde::Serialize;

pub mod blocking;
pub mod header;

use header::{HeaderMap, HeaderName, HeaderValue};

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("error")
    }
}

impl std::error::Error for Error {}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusCode(pub(crate) u16);

impl StatusCode {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    GET,
    POST,
    PUT,
    DELETE,
}

/// What a request is sent to.
pub trait IntoUrl {
    fn as_str(&self) -> &str;
}

impl IntoUrl for &str {
    fn as_str(&self) -> &str {
        self
    }
}

impl IntoUrl for String {
    fn as_str(&self) -> &str {
        self
    }
}

impl IntoUrl for &String {
    fn as_str(&self) -> &str {
        self
    }
}

pub struct Response {
    status: u16,
    headers: HeaderMap,
}

impl Response {
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    pub fn status(&self) -> StatusCode {
        StatusCode(self.status)
    }

    pub async fn text(self) -> Result<String> {
        Ok(String::new())
    }
}

#[derive(Default)]
pub struct Body(Vec<u8>);

impl Body {
    pub fn as_bytes(&self) -> Option<&[u8]> {
        Some(&self.0)
    }
}

impl From<String> for Body {
    fn from(text: String) -> Body {
        Body(text.into_bytes())
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Body {
        Body(text.as_bytes().to_vec())
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body(bytes)
    }
}

pub struct Request {
    method: Method,
    url: String,
    headers: HeaderMap,
    body: Option<Body>,
}

impl Request {
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

#[derive(Clone, Default)]
pub struct Client {
    default_headers: HeaderMap,
}

impl Client {
    pub fn new() -> Client {
        Client::default()
    }

    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    pub fn get<U: IntoUrl>(&self, url: U) -> RequestBuilder {
        self.request(Method::GET, url)
    }

    pub fn post<U: IntoUrl>(&self, url: U) -> RequestBuilder {
        self.request(Method::POST, url)
    }

    pub fn put<U: IntoUrl>(&self, url: U) -> RequestBuilder {
        self.request(Method::PUT, url)
    }

    pub fn patch<U: IntoUrl>(&self, url: U) -> RequestBuilder {
        self.request(Method::POST, url)
    }

    pub fn delete<U: IntoUrl>(&self, url: U) -> RequestBuilder {
        self.request(Method::DELETE, url)
    }

    pub fn head<U: IntoUrl>(&self, url: U) -> RequestBuilder {
        self.request(Method::GET, url)
    }

    pub fn request<U: IntoUrl>(&self, method: Method, url: U) -> RequestBuilder {
        RequestBuilder {
            client: self.clone(),
            request: Ok(Request {
                method,
                url: url.as_str().to_string(),
                headers: self.default_headers.clone(),
                body: None,
            }),
        }
    }

    pub async fn execute(&self, request: Request) -> Result<Response> {
        let _ = (&request.method, &request.url, &request.headers, &request.body);
        Ok(Response {
            status: 200,
            headers: HeaderMap::new(),
        })
    }
}

#[derive(Default)]
pub struct ClientBuilder {
    headers: HeaderMap,
    timeout: Option<Duration>,
}

impl ClientBuilder {
    pub fn new() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub fn default_headers(mut self, headers: HeaderMap) -> ClientBuilder {
        self.headers = headers;
        self
    }

    pub fn user_agent<V>(mut self, value: V) -> ClientBuilder
    where
        HeaderValue: TryFrom<V>,
    {
        if let Ok(value) = HeaderValue::try_from(value) {
            self.headers.insert(header::USER_AGENT, value);
        }
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.timeout = Some(timeout);
        self
    }

    pub fn build(self) -> Result<Client> {
        let _ = self.timeout;
        Ok(Client {
            default_headers: self.headers,
        })
    }
}

pub struct RequestBuilder {
    client: Client,
    request: Result<Request>,
}

impl RequestBuilder {
    pub fn header<K, V>(mut self, key: K, value: V) -> RequestBuilder
    where
        HeaderName: TryFrom<K>,
        HeaderValue: TryFrom<V>,
    {
        if let (Ok(request), Ok(key), Ok(value)) = (
            self.request.as_mut(),
            HeaderName::try_from(key),
            HeaderValue::try_from(value),
        ) {
            request.headers.insert(key, value);
        }
        self
    }

    pub fn headers(mut self, headers: HeaderMap) -> RequestBuilder {
        if let Ok(request) = self.request.as_mut() {
            request.headers.extend(headers);
        }
        self
    }

    pub fn bearer_auth<T: std::fmt::Display>(self, token: T) -> RequestBuilder {
        self.header(header::AUTHORIZATION, format!("Bearer {token}"))
    }

    pub fn basic_auth<U: std::fmt::Display, P: std::fmt::Display>(
        self,
        username: U,
        password: Option<P>,
    ) -> RequestBuilder {
        let password = password.map(|p| p.to_string()).unwrap_or_default();
        self.header(header::AUTHORIZATION, format!("Basic {username}:{password}"))
    }

    pub fn body<T: Into<Body>>(mut self, body: T) -> RequestBuilder {
        if let Ok(request) = self.request.as_mut() {
            request.body = Some(body.into());
        }
        self
    }

    pub fn timeout(self, timeout: Duration) -> RequestBuilder {
        let _ = timeout;
        self
    }

    pub fn query<T: Serialize + ?Sized>(self, query: &T) -> RequestBuilder {
        let _ = query;
        self
    }

    pub fn form<T: Serialize + ?Sized>(self, form: &T) -> RequestBuilder {
        let _ = form;
        self
    }

    pub fn json<T: Serialize + ?Sized>(self, json: &T) -> RequestBuilder {
        let _ = json;
        self
    }

    pub fn build(self) -> Result<Request> {
        self.request
    }

    pub async fn send(self) -> Result<Response> {
        self.client.execute(self.request?).await
    }
}

/// Sends a GET request with a new client.
pub async fn get<T: IntoUrl>(url: T) -> Result<Response> {
    Client::new().get(url).send().await
}
