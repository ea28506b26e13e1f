//! Stand-in for `isahc` 1.7: <https://docs.rs/isahc/1.7.2>. Requests are the http crate's
//! (`isahc::Request`); `RequestExt::send` sends one with the shared client.

pub use http::{self, Request, Response};

#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("isahc error")
    }
}

impl std::error::Error for Error {}

/// A request or response body.
#[derive(Default)]
pub struct Body(Vec<u8>);

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

impl From<()> for Body {
    fn from(_: ()) -> Body {
        Body::default()
    }
}

/// An async body.
#[derive(Default)]
pub struct AsyncBody(Vec<u8>);

impl<T: Into<Body>> From<T> for AsyncBody {
    fn from(body: T) -> AsyncBody {
        AsyncBody(body.into().0)
    }
}

impl AsyncBody {
    pub fn len(&self) -> Option<u64> {
        Some(self.0.len() as u64)
    }
}

#[derive(Clone, Default)]
pub struct HttpClient {
    default_headers: Vec<(String, String)>,
}

impl HttpClient {
    pub fn new() -> Result<HttpClient, Error> {
        Ok(HttpClient::default())
    }

    pub fn builder() -> HttpClientBuilder {
        HttpClientBuilder::default()
    }

    pub fn get<U: AsRef<str>>(&self, uri: U) -> Result<Response<Body>, Error> {
        self.send(Request::get(uri).body(()).map_err(|_| Error)?)
    }

    pub fn post<U: AsRef<str>, B: Into<Body>>(&self, uri: U, body: B) -> Result<Response<Body>, Error> {
        self.send(Request::post(uri).body(body.into()).map_err(|_| Error)?)
    }

    pub fn put<U: AsRef<str>, B: Into<Body>>(&self, uri: U, body: B) -> Result<Response<Body>, Error> {
        self.send(Request::put(uri).body(body.into()).map_err(|_| Error)?)
    }

    pub fn delete<U: AsRef<str>>(&self, uri: U) -> Result<Response<Body>, Error> {
        self.send(Request::builder().uri(uri).body(()).map_err(|_| Error)?)
    }

    pub fn send<B: Into<Body>>(&self, request: Request<B>) -> Result<Response<Body>, Error> {
        let _ = (&self.default_headers, request.uri());
        Ok(Response::new(Body::default()))
    }

    pub async fn get_async<U: AsRef<str>>(&self, uri: U) -> Result<Response<AsyncBody>, Error> {
        let _ = uri.as_ref();
        Ok(Response::new(AsyncBody::default()))
    }

    pub async fn post_async<U: AsRef<str>, B: Into<AsyncBody>>(&self, uri: U, body: B) -> Result<Response<AsyncBody>, Error> {
        let _ = (uri.as_ref(), body.into());
        Ok(Response::new(AsyncBody::default()))
    }

    pub async fn send_async<B: Into<AsyncBody>>(&self, request: Request<B>) -> Result<Response<AsyncBody>, Error> {
        let _ = request.uri();
        Ok(Response::new(AsyncBody::default()))
    }
}

#[derive(Default)]
pub struct HttpClientBuilder {
    default_headers: Vec<(String, String)>,
}

impl HttpClientBuilder {
    pub fn default_header<K: AsRef<str>, V: AsRef<str>>(mut self, key: K, value: V) -> Self {
        self.default_headers
            .push((key.as_ref().to_string(), value.as_ref().to_string()));
        self
    }

    pub fn default_headers<K: AsRef<str>, V: AsRef<str>, I: IntoIterator<Item = (K, V)>>(mut self, headers: I) -> Self {
        for (key, value) in headers {
            self.default_headers
                .push((key.as_ref().to_string(), value.as_ref().to_string()));
        }
        self
    }

    pub fn build(self) -> Result<HttpClient, Error> {
        Ok(HttpClient {
            default_headers: self.default_headers,
        })
    }
}

/// Sends an `http::Request` with the shared client.
pub trait RequestExt<T> {
    fn send(self) -> Result<Response<Body>, Error>
    where
        T: Into<Body>;

    fn send_async(self) -> impl std::future::Future<Output = Result<Response<AsyncBody>, Error>>
    where
        T: Into<AsyncBody>;
}

impl<T> RequestExt<T> for Request<T> {
    fn send(self) -> Result<Response<Body>, Error>
    where
        T: Into<Body>,
    {
        send(self)
    }

    fn send_async(self) -> impl std::future::Future<Output = Result<Response<AsyncBody>, Error>>
    where
        T: Into<AsyncBody>,
    {
        send_async(self)
    }
}

pub fn get<U: AsRef<str>>(uri: U) -> Result<Response<Body>, Error> {
    HttpClient::default().get(uri)
}

pub fn post<U: AsRef<str>, B: Into<Body>>(uri: U, body: B) -> Result<Response<Body>, Error> {
    HttpClient::default().post(uri, body)
}

pub fn put<U: AsRef<str>, B: Into<Body>>(uri: U, body: B) -> Result<Response<Body>, Error> {
    HttpClient::default().put(uri, body)
}

pub fn delete<U: AsRef<str>>(uri: U) -> Result<Response<Body>, Error> {
    HttpClient::default().delete(uri)
}

pub fn send<B: Into<Body>>(request: Request<B>) -> Result<Response<Body>, Error> {
    HttpClient::default().send(request)
}

pub async fn get_async<U: AsRef<str>>(uri: U) -> Result<Response<AsyncBody>, Error> {
    HttpClient::default().get_async(uri).await
}

pub async fn post_async<U: AsRef<str>, B: Into<AsyncBody>>(uri: U, body: B) -> Result<Response<AsyncBody>, Error> {
    HttpClient::default().post_async(uri, body).await
}

pub async fn send_async<B: Into<AsyncBody>>(request: Request<B>) -> Result<Response<AsyncBody>, Error> {
    HttpClient::default().send_async(request).await
}
