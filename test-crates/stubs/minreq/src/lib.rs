//! Stand-in for `minreq` 2 with the `json-using-serde` feature: <https://docs.rs/minreq/2.14.1>.

use serde::Serialize;

#[derive(Debug)]
pub enum Error {
    Other(&'static str),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Error {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

pub struct Response {
    pub status_code: i32,
}

impl Response {
    pub fn as_str(&self) -> Result<&str, Error> {
        Ok("")
    }
}

/// A response read as it arrives.
pub struct ResponseLazy {
    pub status_code: i32,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Request {
    method: Method,
    url: String,
    params: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    timeout: Option<u64>,
}

impl Request {
    pub fn new<T: Into<String>>(method: Method, url: T) -> Request {
        Request {
            method,
            url: url.into(),
            params: String::new(),
            headers: Vec::new(),
            body: None,
            timeout: None,
        }
    }

    pub fn with_headers<T, K, V>(mut self, headers: T) -> Request
    where
        T: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        for (key, value) in headers {
            self.headers.push((key.into(), value.into()));
        }
        self
    }

    pub fn with_header<T: Into<String>, U: Into<String>>(mut self, key: T, value: U) -> Request {
        self.headers.push((key.into(), value.into()));
        self
    }

    pub fn with_body<T: Into<Vec<u8>>>(mut self, body: T) -> Request {
        self.body = Some(body.into());
        self
    }

    pub fn with_param<T: Into<String>, U: Into<String>>(mut self, key: T, value: U) -> Request {
        let (key, value): (String, String) = (key.into(), value.into());
        self.params.push_str(&format!("{key}={value}&"));
        self
    }

    pub fn with_json<T: Serialize>(self, body: &T) -> Result<Request, Error> {
        let _ = body;
        Ok(self.with_header("Content-Type", "application/json; charset=UTF-8"))
    }

    pub fn with_timeout(mut self, timeout: u64) -> Request {
        self.timeout = Some(timeout);
        self
    }

    pub fn send(self) -> Result<Response, Error> {
        let _ = (self.method, self.url, self.params, self.headers, self.body, self.timeout);
        Ok(Response { status_code: 200 })
    }

    pub fn send_lazy(self) -> Result<ResponseLazy, Error> {
        self.send().map(|response| ResponseLazy {
            status_code: response.status_code,
        })
    }
}

pub fn get<T: Into<String>>(url: T) -> Request {
    Request::new(Method::Get, url)
}

pub fn post<T: Into<String>>(url: T) -> Request {
    Request::new(Method::Post, url)
}

pub fn put<T: Into<String>>(url: T) -> Request {
    Request::new(Method::Put, url)
}

pub fn patch<T: Into<String>>(url: T) -> Request {
    Request::new(Method::Patch, url)
}

pub fn delete<T: Into<String>>(url: T) -> Request {
    Request::new(Method::Delete, url)
}
