//! Stand-in for `opentelemetry` 0.30 (the API crate): <https://docs.rs/opentelemetry/0.30.0>.
//! Values are narrowed to what `Into<Value>` covers for strings and integers.

use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String(String),
    I64(i64),
}

impl From<String> for Value {
    fn from(value: String) -> Value {
        Value::String(value)
    }
}

impl From<&'static str> for Value {
    fn from(value: &'static str) -> Value {
        Value::String(value.to_string())
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Value {
        Value::I64(value)
    }
}

/// An attribute: a key and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyValue {
    pub key: Cow<'static, str>,
    pub value: Value,
}

impl KeyValue {
    pub fn new<K: Into<Cow<'static, str>>, V: Into<Value>>(key: K, value: V) -> KeyValue {
        KeyValue {
            key: key.into(),
            value: value.into(),
        }
    }
}

pub mod trace {
    //! Traces: spans with attributes and events.

    use std::borrow::Cow;

    use crate::KeyValue;

    /// A span being recorded.
    pub trait Span {
        fn add_event<T: Into<Cow<'static, str>>>(&mut self, name: T, attributes: Vec<KeyValue>);
        fn set_attribute(&mut self, attribute: KeyValue);
        fn set_attributes(&mut self, attributes: impl IntoIterator<Item = KeyValue>) {
            for attribute in attributes {
                self.set_attribute(attribute);
            }
        }
        fn end(&mut self) {}
    }

    /// Starts spans.
    pub trait Tracer {
        type Span: Span;

        fn start<T: Into<Cow<'static, str>>>(&self, name: T) -> Self::Span {
            self.build(self.span_builder(name))
        }

        fn span_builder<T: Into<Cow<'static, str>>>(&self, name: T) -> SpanBuilder {
            SpanBuilder {
                name: name.into(),
                attributes: None,
            }
        }

        fn build(&self, builder: SpanBuilder) -> Self::Span;
    }

    /// A span's settings before it starts.
    #[derive(Clone, Debug, Default)]
    pub struct SpanBuilder {
        pub name: Cow<'static, str>,
        pub attributes: Option<Vec<KeyValue>>,
    }

    impl SpanBuilder {
        pub fn with_attributes<I: IntoIterator<Item = KeyValue>>(self, attributes: I) -> Self {
            SpanBuilder {
                attributes: Some(attributes.into_iter().collect()),
                ..self
            }
        }

        pub fn start<T: Tracer>(self, tracer: &T) -> T::Span {
            tracer.build(self)
        }
    }
}

pub mod metrics {
    //! Metrics: instruments that record measurements with attributes.

    use std::marker::PhantomData;

    use crate::KeyValue;

    #[derive(Clone)]
    pub struct Counter<T>(PhantomData<T>);

    impl<T> Counter<T> {
        pub fn add(&self, value: T, attributes: &[KeyValue]) {
            let _ = (value, attributes);
        }
    }

    #[derive(Clone)]
    pub struct UpDownCounter<T>(PhantomData<T>);

    impl<T> UpDownCounter<T> {
        pub fn add(&self, value: T, attributes: &[KeyValue]) {
            let _ = (value, attributes);
        }
    }

    #[derive(Clone)]
    pub struct Histogram<T>(PhantomData<T>);

    impl<T> Histogram<T> {
        pub fn record(&self, value: T, attributes: &[KeyValue]) {
            let _ = (value, attributes);
        }
    }

    #[derive(Clone)]
    pub struct Gauge<T>(PhantomData<T>);

    impl<T> Gauge<T> {
        pub fn record(&self, value: T, attributes: &[KeyValue]) {
            let _ = (value, attributes);
        }
    }

    /// Configures an instrument before `build`.
    pub struct InstrumentBuilder<T> {
        name: String,
        instrument: PhantomData<T>,
    }

    impl<T: Default> InstrumentBuilder<T> {
        pub fn with_description(self, description: &'static str) -> Self {
            let _ = description;
            self
        }

        pub fn build(self) -> T {
            let _ = self.name;
            T::default()
        }
    }

    macro_rules! default_instrument {
        ($($ty:ident),*) => {$(
            impl<T> Default for $ty<T> {
                fn default() -> Self {
                    $ty(PhantomData)
                }
            }
        )*};
    }
    default_instrument!(Counter, UpDownCounter, Histogram, Gauge);

    /// Makes instruments.
    #[derive(Clone, Default)]
    pub struct Meter;

    impl Meter {
        pub fn u64_counter(&self, name: &'static str) -> InstrumentBuilder<Counter<u64>> {
            InstrumentBuilder { name: name.to_string(), instrument: PhantomData }
        }

        pub fn i64_up_down_counter(&self, name: &'static str) -> InstrumentBuilder<UpDownCounter<i64>> {
            InstrumentBuilder { name: name.to_string(), instrument: PhantomData }
        }

        pub fn f64_histogram(&self, name: &'static str) -> InstrumentBuilder<Histogram<f64>> {
            InstrumentBuilder { name: name.to_string(), instrument: PhantomData }
        }

        pub fn u64_gauge(&self, name: &'static str) -> InstrumentBuilder<Gauge<u64>> {
            InstrumentBuilder { name: name.to_string(), instrument: PhantomData }
        }
    }
}

pub mod global {
    //! The globally installed providers.

    use crate::trace::{Span, SpanBuilder, Tracer};
    use crate::KeyValue;

    /// A span of the global tracer.
    pub struct BoxedSpan {
        attributes: Vec<KeyValue>,
    }

    impl Span for BoxedSpan {
        fn add_event<T: Into<std::borrow::Cow<'static, str>>>(&mut self, name: T, attributes: Vec<KeyValue>) {
            let _ = name.into();
            self.attributes.extend(attributes);
        }

        fn set_attribute(&mut self, attribute: KeyValue) {
            self.attributes.push(attribute);
        }
    }

    /// The global tracer.
    pub struct BoxedTracer;

    impl Tracer for BoxedTracer {
        type Span = BoxedSpan;

        fn build(&self, builder: SpanBuilder) -> BoxedSpan {
            BoxedSpan {
                attributes: builder.attributes.unwrap_or_default(),
            }
        }
    }

    pub fn tracer(name: &'static str) -> BoxedTracer {
        let _ = name;
        BoxedTracer
    }

    pub fn meter(name: &'static str) -> crate::metrics::Meter {
        let _ = name;
        crate::metrics::Meter
    }
}
