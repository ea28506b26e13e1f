//! Stand-in for `segment` 0.2 (Meilisearch's Segment client): <https://docs.rs/segment/0.2.6>.

use serde_json::Value;

pub mod message {
    //! The messages Segment accepts.

    use serde_json::Value;

    /// Who a message is about.
    #[derive(Clone, Debug)]
    pub enum User {
        UserId { user_id: String },
        AnonymousId { anonymous_id: String },
        Both { user_id: String, anonymous_id: String },
    }

    impl Default for User {
        fn default() -> Self {
            User::AnonymousId {
                anonymous_id: String::new(),
            }
        }
    }

    #[derive(Clone, Debug, Default)]
    pub struct Identify {
        pub user: User,
        pub traits: Value,
        pub context: Option<Value>,
    }

    #[derive(Clone, Debug, Default)]
    pub struct Track {
        pub user: User,
        pub event: String,
        pub properties: Value,
        pub context: Option<Value>,
    }

    #[derive(Clone, Debug, Default)]
    pub struct Page {
        pub user: User,
        pub name: String,
        pub properties: Value,
    }

    #[derive(Clone, Debug, Default)]
    pub struct Batch {
        pub batch: Vec<BatchMessage>,
        pub context: Option<Value>,
    }

    #[derive(Clone, Debug)]
    pub enum BatchMessage {
        Identify(Identify),
        Track(Track),
        Page(Page),
    }

    #[derive(Clone, Debug)]
    pub enum Message {
        Identify(Identify),
        Track(Track),
        Page(Page),
        Batch(Batch),
    }

    impl From<Identify> for Message {
        fn from(msg: Identify) -> Self {
            Message::Identify(msg)
        }
    }

    impl From<Track> for Message {
        fn from(msg: Track) -> Self {
            Message::Track(msg)
        }
    }

    impl From<Batch> for Message {
        fn from(msg: Batch) -> Self {
            Message::Batch(msg)
        }
    }

    impl From<Identify> for BatchMessage {
        fn from(msg: Identify) -> Self {
            BatchMessage::Identify(msg)
        }
    }

    impl From<Track> for BatchMessage {
        fn from(msg: Track) -> Self {
            BatchMessage::Track(msg)
        }
    }

    impl From<Page> for BatchMessage {
        fn from(msg: Page) -> Self {
            BatchMessage::Page(msg)
        }
    }
}

use message::{Batch, BatchMessage, Message};

#[derive(Debug)]
pub enum Error {
    MessageTooLarge,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("message too large")
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Sends messages to Segment.
#[allow(async_fn_in_trait)]
pub trait Client {
    async fn send(&self, write_key: String, msg: impl Into<Message>) -> Result<()>;
}

/// The HTTP client for Segment's tracking API.
#[derive(Clone)]
pub struct HttpClient {
    host: String,
}

impl Default for HttpClient {
    fn default() -> Self {
        HttpClient {
            host: String::from("https://api.segment.io"),
        }
    }
}

impl Client for HttpClient {
    async fn send(&self, write_key: String, msg: impl Into<Message>) -> Result<()> {
        let _ = (&self.host, write_key, msg.into());
        Ok(())
    }
}

/// Buffers messages into batches.
pub struct Batcher {
    buf: Vec<BatchMessage>,
    context: Option<Value>,
}

impl Batcher {
    pub fn new(context: Option<Value>) -> Self {
        Batcher {
            buf: Vec::new(),
            context,
        }
    }

    /// Adds a message; gives it back when the batch is full.
    pub fn push(&mut self, msg: impl Into<BatchMessage>) -> Result<Option<BatchMessage>> {
        self.buf.push(msg.into());
        Ok(None)
    }

    pub fn into_message(self) -> Message {
        Message::Batch(Batch {
            batch: self.buf,
            context: self.context,
        })
    }
}

/// A batcher that sends each full batch, and what is left on `flush`.
pub struct AutoBatcher {
    client: HttpClient,
    batcher: Batcher,
    key: String,
}

impl AutoBatcher {
    pub fn new(client: HttpClient, batcher: Batcher, key: String) -> Self {
        AutoBatcher {
            client,
            batcher,
            key,
        }
    }

    pub async fn push(&mut self, msg: impl Into<BatchMessage>) -> Result<()> {
        self.batcher.push(msg)?;
        Ok(())
    }

    pub async fn flush(&mut self) -> Result<()> {
        let batcher = std::mem::replace(&mut self.batcher, Batcher::new(None));
        self.client.send(self.key.clone(), batcher.into_message()).await
    }
}
