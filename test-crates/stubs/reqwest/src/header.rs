//! HTTP headers (reqwest re-exports `http::header`).

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HeaderName(String);

impl HeaderName {
    pub fn from_static(name: &'static str) -> HeaderName {
        HeaderName(name.to_string())
    }
}

impl TryFrom<&str> for HeaderName {
    type Error = InvalidHeaderName;

    fn try_from(name: &str) -> Result<HeaderName, InvalidHeaderName> {
        Ok(HeaderName(name.to_ascii_lowercase()))
    }
}

#[derive(Debug)]
pub struct InvalidHeaderName;

#[derive(Debug)]
pub struct InvalidHeaderValue;

impl std::fmt::Display for InvalidHeaderValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid header value")
    }
}

impl std::error::Error for InvalidHeaderValue {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderValue(String);

impl HeaderValue {
    pub fn from_static(value: &'static str) -> HeaderValue {
        HeaderValue(value.to_string())
    }

    pub fn from_str(value: &str) -> Result<HeaderValue, InvalidHeaderValue> {
        Ok(HeaderValue(value.to_string()))
    }
}

impl TryFrom<&str> for HeaderValue {
    type Error = InvalidHeaderValue;

    fn try_from(value: &str) -> Result<HeaderValue, InvalidHeaderValue> {
        HeaderValue::from_str(value)
    }
}

impl TryFrom<String> for HeaderValue {
    type Error = InvalidHeaderValue;

    fn try_from(value: String) -> Result<HeaderValue, InvalidHeaderValue> {
        Ok(HeaderValue(value))
    }
}

impl TryFrom<&String> for HeaderValue {
    type Error = InvalidHeaderValue;

    fn try_from(value: &String) -> Result<HeaderValue, InvalidHeaderValue> {
        HeaderValue::from_str(value)
    }
}

pub const USER_AGENT: HeaderName = HeaderName(String::new());
pub const AUTHORIZATION: HeaderName = HeaderName(String::new());

/// A key a `HeaderMap` accepts.
pub trait IntoHeaderName {
    fn into_name(self) -> HeaderName;
}

impl IntoHeaderName for HeaderName {
    fn into_name(self) -> HeaderName {
        self
    }
}

impl IntoHeaderName for &'static str {
    fn into_name(self) -> HeaderName {
        HeaderName(self.to_string())
    }
}

#[derive(Clone, Debug, Default)]
pub struct HeaderMap {
    entries: Vec<(HeaderName, HeaderValue)>,
}

impl HeaderMap {
    pub fn new() -> HeaderMap {
        HeaderMap::default()
    }

    pub fn insert<K: IntoHeaderName>(&mut self, key: K, value: HeaderValue) -> Option<HeaderValue> {
        self.entries.push((key.into_name(), value));
        None
    }

    pub fn get(&self, key: &str) -> Option<&HeaderValue> {
        let key = key.to_ascii_lowercase();
        self.entries
            .iter()
            .find(|(name, _)| name.0 == key)
            .map(|(_, value)| value)
    }
}

impl Extend<(Option<HeaderName>, HeaderValue)> for HeaderMap {
    fn extend<I: IntoIterator<Item = (Option<HeaderName>, HeaderValue)>>(&mut self, iter: I) {
        for (name, value) in iter {
            if let Some(name) = name {
                self.entries.push((name, value));
            }
        }
    }
}

impl IntoIterator for HeaderMap {
    type Item = (Option<HeaderName>, HeaderValue);
    type IntoIter = std::vec::IntoIter<(Option<HeaderName>, HeaderValue)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries
            .into_iter()
            .map(|(name, value)| (Some(name), value))
            .collect::<Vec<_>>()
            .into_iter()
    }
}
