//! Stand-in for `ehttp` 0.5 with the `json` feature: <https://docs.rs/ehttp/0.5.0>.

/// A description of an error.
pub type Error = String;

pub type Result<T> = std::result::Result<T, Error>;

/// Headers of a request or response; a key may appear twice.
#[derive(Clone, Debug, Default)]
pub struct Headers {
    pub headers: Vec<(String, String)>,
}

impl Headers {
    pub fn new(headers: &[(&str, &str)]) -> Self {
        Headers {
            headers: headers
                .iter()
                .map(|(key, value)| (key.to_string(), value.to_string()))
                .collect(),
        }
    }

    pub fn insert(&mut self, key: impl ToString, value: impl ToString) {
        self.headers.push((key.to_string(), value.to_string()));
    }
}

#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub url: String,
    pub body: Vec<u8>,
    pub headers: Headers,
}

impl Request {
    pub fn get(url: impl ToString) -> Self {
        Request {
            method: "GET".to_owned(),
            url: url.to_string(),
            body: vec![],
            headers: Headers::new(&[("Accept", "*/*")]),
        }
    }

    pub fn post(url: impl ToString, body: Vec<u8>) -> Self {
        Request {
            method: "POST".to_owned(),
            url: url.to_string(),
            body,
            headers: Headers::new(&[("Accept", "*/*")]),
        }
    }

    pub fn json<T: ?Sized + serde::Serialize>(url: impl ToString, body: &T) -> serde_json::Result<Self> {
        Ok(Request {
            method: "POST".to_owned(),
            url: url.to_string(),
            body: serde_json::to_vec(body)?,
            headers: Headers::new(&[("Content-Type", "application/json")]),
        })
    }
}

#[derive(Clone)]
pub struct Response {
    pub url: String,
    pub ok: bool,
    pub status: u16,
    pub bytes: Vec<u8>,
}

/// Performs the request and calls `on_done` with the result.
pub fn fetch(request: Request, on_done: impl 'static + Send + FnOnce(Result<Response>)) {
    on_done(fetch_blocking(&request));
}

pub async fn fetch_async(request: Request) -> Result<Response> {
    fetch_blocking(&request)
}

pub fn fetch_blocking(request: &Request) -> Result<Response> {
    Ok(Response {
        url: request.url.clone(),
        ok: true,
        status: 200,
        bytes: Vec::new(),
    })
}
