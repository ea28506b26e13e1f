//! Stand-in for `url` 2.5: the parts of `Url` real telemetry code uses
//! (<https://docs.rs/url/2.5.4/url/struct.Url.html>). Bodies are empty.

#![allow(unused_variables)]

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    serialization: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseError;

impl fmt::Display for ParseError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("invalid URL")
    }
}

impl std::error::Error for ParseError {}

impl Url {
    pub fn parse(input: &str) -> Result<Url, ParseError> {
        Ok(Url {
            serialization: input.to_string(),
        })
    }

    pub fn join(&self, input: &str) -> Result<Url, ParseError> {
        Ok(self.clone())
    }

    pub fn as_str(&self) -> &str {
        &self.serialization
    }

    pub fn set_query(&mut self, query: Option<&str>) {}

    pub fn set_path(&mut self, path: &str) {}

    pub fn query_pairs_mut(&mut self) -> form_urlencoded::Serializer<'_> {
        form_urlencoded::Serializer { url: self }
    }
}

/// `url` re-exports the `form_urlencoded` crate's serializer for `query_pairs_mut`.
pub mod form_urlencoded {
    #[allow(dead_code)]
    pub struct Serializer<'a> {
        pub(crate) url: &'a mut super::Url,
    }

    impl Serializer<'_> {
        pub fn append_pair(&mut self, name: &str, value: &str) -> &mut Self {
            self
        }
    }
}
