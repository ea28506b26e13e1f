//! Stand-in for `http` 1: <https://docs.rs/http/1.3.1>, the request and response types that
//! hyper and isahc re-export. Header conversions are narrowed to `&str`/`String`.

pub mod request {
    //! Requests and their builder.

    use crate::{Error, Method, Request};

    /// Builds a `Request`: method, URI, headers, then the body.
    #[derive(Default)]
    pub struct Builder {
        pub(crate) method: Option<Method>,
        pub(crate) uri: String,
        pub(crate) headers: Vec<(String, String)>,
    }

    impl Builder {
        pub fn new() -> Builder {
            Builder::default()
        }

        pub fn method(mut self, method: Method) -> Builder {
            self.method = Some(method);
            self
        }

        pub fn uri<T: AsRef<str>>(mut self, uri: T) -> Builder {
            self.uri = uri.as_ref().to_string();
            self
        }

        pub fn header<K: AsRef<str>, V: AsRef<str>>(mut self, key: K, value: V) -> Builder {
            self.headers
                .push((key.as_ref().to_string(), value.as_ref().to_string()));
            self
        }

        pub fn body<T>(self, body: T) -> Result<Request<T>, Error> {
            Ok(Request {
                method: self.method.unwrap_or(Method::GET),
                uri: self.uri,
                headers: self.headers,
                body,
            })
        }
    }
}

#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("http error")
    }
}

impl std::error::Error for Error {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    GET,
    POST,
    PUT,
    DELETE,
}

pub struct Request<T> {
    method: Method,
    uri: String,
    headers: Vec<(String, String)>,
    body: T,
}

impl Request<()> {
    pub fn builder() -> request::Builder {
        request::Builder::new()
    }

    pub fn get<T: AsRef<str>>(uri: T) -> request::Builder {
        request::Builder::new().method(Method::GET).uri(uri)
    }

    pub fn post<T: AsRef<str>>(uri: T) -> request::Builder {
        request::Builder::new().method(Method::POST).uri(uri)
    }

    pub fn put<T: AsRef<str>>(uri: T) -> request::Builder {
        request::Builder::new().method(Method::PUT).uri(uri)
    }
}

impl<T> Request<T> {
    pub fn new(body: T) -> Request<T> {
        Request {
            method: Method::GET,
            uri: String::from("/"),
            headers: Vec::new(),
            body,
        }
    }

    pub fn method(&self) -> &Method {
        &self.method
    }

    pub fn uri(&self) -> &str {
        &self.uri
    }

    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    pub fn body(&self) -> &T {
        &self.body
    }
}

pub struct Response<T> {
    status: u16,
    body: T,
}

impl<T> Response<T> {
    pub fn new(body: T) -> Response<T> {
        Response { status: 200, body }
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn body(&self) -> &T {
        &self.body
    }
}
