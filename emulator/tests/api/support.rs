//! A server on a free loopback port per test, and a small request helper.

use std::path::PathBuf;

use reqwest::{Client, Method, StatusCode};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use zitadel_emulator::store::{Seed, DEFAULT_SEED};
use zitadel_emulator::{app, serve, AppState};

pub const ALICE: &str = "283746529384750001";
pub const PAT: &str = "283746529384750002";
pub const IDA: &str = "283746529384750005";
pub const GINA: &str = "283746529384750006";
pub const ACME: &str = "69629023906488334";
pub const GLOBEX: &str = "71203958304958201";

pub struct Server {
    pub base: String,
    pub client: Client,
    _stop: oneshot::Sender<()>,
}

impl Server {
    pub async fn start() -> Server {
        Server::with(AppState::new(Seed::parse(DEFAULT_SEED).unwrap()).quiet()).await
    }

    pub async fn with_state_file(path: PathBuf) -> Server {
        let state = AppState::new(Seed::parse(DEFAULT_SEED).unwrap()).quiet();
        Server::with(state.with_state_file(path).unwrap()).await
    }

    /// With `EMULATOR_EXCHANGES` set (as `make test` does), every exchange goes to that
    /// file, to be checked against ZITADEL's message types afterwards.
    pub async fn with(state: AppState) -> Server {
        let state = match std::env::var_os("EMULATOR_EXCHANGES") {
            Some(path) => state.with_exchange_log(path.as_ref()).unwrap(),
            None => state,
        };
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(serve(listener, app(state, None), async {
            let _ = stopped.await;
        }));
        Server {
            base,
            client: Client::new(),
            _stop: stop,
        }
    }

    pub fn call(&self, method: Method, path: &str) -> Call {
        Call {
            builder: self.client.request(method, format!("{}{path}", self.base)),
        }
    }

    pub fn get(&self, path: &str) -> Call {
        self.call(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> Call {
        self.call(Method::POST, path)
    }

    pub fn delete(&self, path: &str) -> Call {
        self.call(Method::DELETE, path)
    }
}

pub struct Call {
    pub builder: reqwest::RequestBuilder,
}

impl Call {
    pub fn token(self, token: &str) -> Call {
        Call {
            builder: self
                .builder
                .header("authorization", format!("Bearer {token}")),
        }
    }

    pub fn org(self, org_id: &str) -> Call {
        Call {
            builder: self.builder.header("x-zitadel-orgid", org_id),
        }
    }

    pub fn header(self, name: &str, value: &str) -> Call {
        Call {
            builder: self.builder.header(name, value),
        }
    }

    /// Marks a request that breaks ZITADEL's types on purpose, so that the suite's
    /// check of the recorded exchanges skips it (and checks only the answer).
    pub fn invalid_on_purpose(self) -> Call {
        self.header("x-emulator-invalid-request", "1")
    }

    /// A body sent as it is, with the JSON content type.
    pub fn raw(self, body: &'static str) -> Call {
        Call {
            builder: self
                .builder
                .header("content-type", "application/json")
                .body(body),
        }
    }

    pub fn json(self, body: Value) -> Call {
        Call {
            builder: self.builder.json(&body),
        }
    }

    /// Status and JSON body (`Null` for an empty or non-JSON body).
    pub async fn send(self) -> (StatusCode, Value) {
        let response = self.builder.send().await.unwrap();
        let status = response.status();
        let bytes = response.bytes().await.unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }
}

/// Asserts a `google.rpc.Status` error with ZITADEL's id in the message and details.
pub fn assert_error(answer: &(StatusCode, Value), status: u16, code: i64, id: &str) {
    let (got, body) = answer;
    assert_eq!(got.as_u16(), status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.ends_with(&format!(" ({id})")), "{message}");
    assert_eq!(body["details"][0]["id"], id, "{body}");
    assert_eq!(
        body["details"][0]["@type"],
        "type.googleapis.com/zitadel.v1.ErrorDetail"
    );
}

/// Asserts the `details` of a command: sequence as a string, RFC 3339 UTC change date,
/// resource owner. Returns the sequence.
pub fn assert_details(answer: &(StatusCode, Value), owner: &str) -> u64 {
    details_dated(answer, owner, "changeDate", "creationDate")
}

/// Asserts the `details` of a command that adds (`object.AddToDetailsPb`): the date is
/// `creationDate`, with no `changeDate`. Returns the sequence.
pub fn assert_added_details(answer: &(StatusCode, Value), owner: &str) -> u64 {
    details_dated(answer, owner, "creationDate", "changeDate")
}

/// `details` with an RFC 3339 UTC date under `date` and none under `absent`.
fn details_dated(answer: &(StatusCode, Value), owner: &str, date: &str, absent: &str) -> u64 {
    let (status, body) = answer;
    assert_eq!(*status, StatusCode::OK, "{body}");
    let details = &body["details"];
    let when = details[date].as_str().unwrap();
    assert!(when.ends_with('Z') && when.len() == 27, "{when}");
    assert_eq!(details["resourceOwner"], owner);
    assert!(details.get(absent).is_none(), "{details}");
    details["sequence"].as_str().unwrap().parse().unwrap()
}
