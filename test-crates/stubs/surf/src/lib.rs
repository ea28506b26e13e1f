//! Stand-in for `surf` 2.3: <https://docs.rs/surf/2.3.2>. A `RequestBuilder` is a future:
//! awaiting it sends the request.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::Serialize;

#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("surf error")
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub struct Response {
    status: u16,
}

impl Response {
    pub fn status(&self) -> u16 {
        self.status
    }
}

#[derive(Clone, Default)]
pub struct Request {
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

#[derive(Clone, Default)]
pub struct Client {
    base_url: Option<String>,
}

impl Client {
    pub fn new() -> Client {
        Client::default()
    }

    pub fn get(&self, uri: impl AsRef<str>) -> RequestBuilder {
        RequestBuilder::new(uri.as_ref())
    }

    pub fn post(&self, uri: impl AsRef<str>) -> RequestBuilder {
        RequestBuilder::new(uri.as_ref())
    }

    pub fn put(&self, uri: impl AsRef<str>) -> RequestBuilder {
        RequestBuilder::new(uri.as_ref())
    }

    pub fn delete(&self, uri: impl AsRef<str>) -> RequestBuilder {
        RequestBuilder::new(uri.as_ref())
    }

    pub async fn send(&self, req: impl Into<Request>) -> Result<Response> {
        let request: Request = req.into();
        let _ = (&self.base_url, request.url, request.headers, request.body);
        Ok(Response { status: 200 })
    }

    pub async fn recv_bytes(&self, req: impl Into<Request>) -> Result<Vec<u8>> {
        self.send(req).await.map(|_| Vec::new())
    }

    pub async fn recv_string(&self, req: impl Into<Request>) -> Result<String> {
        self.send(req).await.map(|_| String::new())
    }

    pub async fn recv_json<T: Default>(&self, req: impl Into<Request>) -> Result<T> {
        self.send(req).await.map(|_| T::default())
    }
}

pub struct RequestBuilder {
    req: Request,
}

impl RequestBuilder {
    fn new(url: &str) -> RequestBuilder {
        RequestBuilder {
            req: Request {
                url: url.to_string(),
                ..Request::default()
            },
        }
    }

    pub fn header(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.req.headers.push((key.into(), value.to_string()));
        self
    }

    pub fn content_type(self, content_type: impl ToString) -> Self {
        self.header("content-type", content_type)
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.req.body = body.into();
        self
    }

    pub fn body_json(self, json: &impl Serialize) -> Result<Self> {
        let _ = json;
        Ok(self)
    }

    pub fn body_string(self, string: String) -> Self {
        self.body(string)
    }

    pub fn body_bytes(self, bytes: impl AsRef<[u8]>) -> Self {
        self.body(bytes.as_ref().to_vec())
    }

    pub fn body_form(self, form: &impl Serialize) -> Result<Self> {
        let _ = form;
        Ok(self)
    }

    pub fn query(self, query: &impl Serialize) -> Result<Self> {
        let _ = query;
        Ok(self)
    }

    pub fn build(self) -> Request {
        self.req
    }

    pub async fn send(self) -> Result<Response> {
        Client::new().send(self.build()).await
    }

    pub async fn recv_bytes(self) -> Result<Vec<u8>> {
        Client::new().recv_bytes(self.build()).await
    }

    pub async fn recv_string(self) -> Result<String> {
        Client::new().recv_string(self.build()).await
    }

    pub async fn recv_json<T: Default>(self) -> Result<T> {
        Client::new().recv_json(self.build()).await
    }
}

impl From<RequestBuilder> for Request {
    fn from(builder: RequestBuilder) -> Request {
        builder.build()
    }
}

impl Future for RequestBuilder {
    type Output = Result<Response>;

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Ready(Ok(Response { status: 200 }))
    }
}

pub fn get(uri: impl AsRef<str>) -> RequestBuilder {
    Client::new().get(uri)
}

pub fn post(uri: impl AsRef<str>) -> RequestBuilder {
    Client::new().post(uri)
}

pub fn put(uri: impl AsRef<str>) -> RequestBuilder {
    Client::new().put(uri)
}

pub fn patch(uri: impl AsRef<str>) -> RequestBuilder {
    Client::new().put(uri)
}

pub fn delete(uri: impl AsRef<str>) -> RequestBuilder {
    Client::new().delete(uri)
}
