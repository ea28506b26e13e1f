//! Stand-in for `ureq` 2: <https://docs.rs/ureq/2.12.1>.

#[derive(Debug)]
pub struct Error;

pub struct Response {
    status: u16,
}

impl Response {
    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn into_string(self) -> std::io::Result<String> {
        Ok(String::new())
    }
}

#[derive(Clone)]
pub struct Request {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
}

impl Request {
    fn new(method: &str, url: &str) -> Request {
        Request {
            method: method.to_string(),
            url: url.to_string(),
            headers: Vec::new(),
            query: Vec::new(),
        }
    }

    pub fn set(mut self, header: &str, value: &str) -> Self {
        self.headers.push((header.to_string(), value.to_string()));
        self
    }

    pub fn query(mut self, param: &str, value: &str) -> Self {
        self.query.push((param.to_string(), value.to_string()));
        self
    }

    pub fn call(self) -> Result<Response, Error> {
        let _ = (&self.method, &self.url);
        Ok(Response { status: 200 })
    }

    pub fn send_string(self, data: &str) -> Result<Response, Error> {
        let _ = data;
        self.call()
    }

    pub fn send_bytes(self, data: &[u8]) -> Result<Response, Error> {
        let _ = data;
        self.call()
    }

    pub fn send_form(self, data: &[(&str, &str)]) -> Result<Response, Error> {
        let _ = data;
        self.call()
    }

    pub fn send_json(self, data: impl serde::Serialize) -> Result<Response, Error> {
        let _ = data;
        self.call()
    }

    pub fn send(self, reader: impl std::io::Read) -> Result<Response, Error> {
        let _ = reader;
        self.call()
    }

    pub fn timeout(self, timeout: std::time::Duration) -> Self {
        let _ = timeout;
        self
    }
}

#[derive(Clone, Default)]
pub struct Agent {
    user_agent: String,
}

pub struct AgentBuilder {
    user_agent: String,
}

impl AgentBuilder {
    pub fn new() -> Self {
        AgentBuilder {
            user_agent: String::from("ureq"),
        }
    }

    pub fn user_agent(mut self, user_agent: &str) -> Self {
        self.user_agent = user_agent.to_string();
        self
    }

    pub fn build(self) -> Agent {
        Agent {
            user_agent: self.user_agent,
        }
    }
}

impl Agent {
    pub fn new() -> Self {
        AgentBuilder::new().build()
    }

    pub fn get(&self, path: &str) -> Request {
        let _ = &self.user_agent;
        Request::new("GET", path)
    }

    pub fn post(&self, path: &str) -> Request {
        Request::new("POST", path)
    }

    pub fn put(&self, path: &str) -> Request {
        Request::new("PUT", path)
    }
}

pub fn get(path: &str) -> Request {
    Request::new("GET", path)
}

pub fn post(path: &str) -> Request {
    Request::new("POST", path)
}

pub fn put(path: &str) -> Request {
    Request::new("PUT", path)
}

pub fn agent() -> Agent {
    Agent::new()
}
