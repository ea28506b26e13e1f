//! Stand-in for `hyper-util` 0.1: <https://docs.rs/hyper-util/0.1.17>, the pooled client
//! (`client::legacy`) that hyper 1 left out of hyper itself.

pub mod rt {
    //! Runtime glue.

    #[derive(Clone, Copy, Default)]
    pub struct TokioExecutor;

    impl TokioExecutor {
        pub fn new() -> TokioExecutor {
            TokioExecutor
        }
    }
}

pub mod client {
    //! Clients.

    pub mod legacy {
        //! The pooled client of hyper 0.14, on hyper 1.

        use hyper::body::Incoming;
        use hyper::{Request, Response};
        use std::marker::PhantomData;

        pub mod connect {
            //! Connectors.

            #[derive(Clone, Default)]
            pub struct HttpConnector;

            impl HttpConnector {
                pub fn new() -> HttpConnector {
                    HttpConnector
                }
            }
        }

        #[derive(Debug)]
        pub struct Error;

        impl std::fmt::Display for Error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("client error")
            }
        }

        impl std::error::Error for Error {}

        pub struct Client<C, B> {
            connector: C,
            body: PhantomData<B>,
        }

        impl Client<(), ()> {
            pub fn builder<E>(executor: E) -> Builder {
                let _ = executor;
                Builder { pool_max_idle: 0 }
            }
        }

        impl<C, B> Client<C, B> {
            /// Sends a request.
            pub async fn request(&self, req: Request<B>) -> Result<Response<Incoming>, Error> {
                let _ = (&self.connector, req);
                Ok(Response::new(Incoming))
            }

            /// Sends a GET request.
            pub async fn get(&self, uri: &str) -> Result<Response<Incoming>, Error>
            where
                B: Default,
            {
                let _ = uri;
                self.request(Request::new(B::default())).await
            }
        }

        pub struct Builder {
            pool_max_idle: usize,
        }

        impl Builder {
            pub fn pool_max_idle_per_host(&mut self, max_idle: usize) -> &mut Builder {
                self.pool_max_idle = max_idle;
                self
            }

            pub fn build<C, B>(&self, connector: C) -> Client<C, B> {
                Client {
                    connector,
                    body: PhantomData,
                }
            }

            pub fn build_http<B>(&self) -> Client<connect::HttpConnector, B> {
                self.build(connect::HttpConnector::new())
            }
        }
    }
}
