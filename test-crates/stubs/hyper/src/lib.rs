//! Stand-in for `hyper` 1: <https://docs.rs/hyper/1.7.0>. Requests are the http crate's,
//! re-exported; the low-level client sends them through a connection's `SendRequest`.

pub use http::{self, request, Method, Request, Response};

#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("hyper error")
    }
}

impl std::error::Error for Error {}

pub mod body {
    //! Response bodies.

    /// A response body as it arrives.
    pub struct Incoming;
}

pub mod client {
    //! The low-level client.

    pub mod conn {
        //! One connection, HTTP/1 or HTTP/2.

        pub mod http1 {
            //! HTTP/1 connections.

            use crate::body::Incoming;
            use crate::{Error, Request, Response};
            use std::marker::PhantomData;

            /// The half of a connection that sends requests.
            pub struct SendRequest<B> {
                body: PhantomData<B>,
            }

            impl<B> SendRequest<B> {
                pub async fn send_request(&mut self, req: Request<B>) -> Result<Response<Incoming>, Error> {
                    let _ = req;
                    Ok(Response::new(Incoming))
                }
            }

            /// The half of a connection that drives the IO.
            pub struct Connection<T, B> {
                io: T,
                body: PhantomData<B>,
            }

            impl<T, B> Connection<T, B> {
                pub async fn run(self) -> Result<(), Error> {
                    let _ = self.io;
                    Ok(())
                }
            }

            /// Starts an HTTP/1 connection over `io`.
            pub async fn handshake<T, B>(io: T) -> Result<(SendRequest<B>, Connection<T, B>), Error> {
                Ok((
                    SendRequest { body: PhantomData },
                    Connection {
                        io,
                        body: PhantomData,
                    },
                ))
            }
        }

        pub mod http2 {
            //! HTTP/2 connections.

            use crate::body::Incoming;
            use crate::{Error, Request, Response};
            use std::marker::PhantomData;

            /// The half of a connection that sends requests.
            pub struct SendRequest<B> {
                body: PhantomData<B>,
            }

            impl<B> SendRequest<B> {
                pub async fn send_request(&mut self, req: Request<B>) -> Result<Response<Incoming>, Error> {
                    let _ = req;
                    Ok(Response::new(Incoming))
                }
            }

            /// Starts an HTTP/2 connection over `io` (the executor spawns its tasks).
            pub async fn handshake<E, T, B>(exec: E, io: T) -> Result<(SendRequest<B>, ()), Error> {
                let _ = (exec, io);
                Ok((SendRequest { body: PhantomData }, ()))
            }
        }
    }
}
