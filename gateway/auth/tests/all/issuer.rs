//! `LoopbackIssuer`: an OpenID provider on 127.0.0.1 serving a discovery document and a JWKS
//! whose keys a test can swap (key rotation), counting how often each is fetched.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use revpulse_gateway_auth::OidcSettings;
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::keys::TestKey;

/// The audience tokens are issued for.
pub const AUDIENCE: &str = "revpulse-gateway";

struct Published {
    issuer: String,
    discovery_issuer: Option<String>,
    jwks: Value,
}

#[derive(Default)]
struct Counters {
    discovery_hits: AtomicUsize,
    jwks_hits: AtomicUsize,
}

/// A running loopback issuer; stops when dropped.
pub struct LoopbackIssuer {
    pub issuer: String,
    published: Arc<Mutex<Published>>,
    counters: Arc<Counters>,
    stop: Option<oneshot::Sender<()>>,
}

impl LoopbackIssuer {
    /// Starts serving `keys`.
    pub async fn start(keys: &[&TestKey]) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let published = Arc::new(Mutex::new(Published {
            issuer: issuer.clone(),
            discovery_issuer: None,
            jwks: jwks_of(keys),
        }));
        let counters = Arc::new(Counters::default());
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .with_state((published.clone(), counters.clone()));
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
        Self {
            issuer,
            published,
            counters,
            stop: Some(stop),
        }
    }

    /// From now on the JWKS holds `keys`.
    pub fn publish(&self, keys: &[&TestKey]) {
        self.published.lock().unwrap().jwks = jwks_of(keys);
    }

    /// From now on the JWKS is this document.
    pub fn publish_raw(&self, jwks: Value) {
        self.published.lock().unwrap().jwks = jwks;
    }

    /// From now on the discovery document names `issuer` instead of the real one.
    pub fn claim_issuer(&self, issuer: &str) {
        self.published.lock().unwrap().discovery_issuer = Some(issuer.to_owned());
    }

    /// How often the JWKS was fetched.
    pub fn jwks_hits(&self) -> usize {
        self.counters.jwks_hits.load(Ordering::SeqCst)
    }

    /// How often the discovery document was fetched.
    pub fn discovery_hits(&self) -> usize {
        self.counters.discovery_hits.load(Ordering::SeqCst)
    }

    /// Default settings trusting this issuer.
    pub fn settings(&self) -> OidcSettings {
        OidcSettings::new(&self.issuer, AUDIENCE)
    }

    /// Valid claims for `sub`, expiring in five minutes.
    pub fn claims(&self, sub: &str) -> Value {
        let now = now();
        json!({
            "iss": self.issuer,
            "aud": AUDIENCE,
            "sub": sub,
            "iat": now,
            "exp": now + 300,
        })
    }
}

impl Drop for LoopbackIssuer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

type Shared = (Arc<Mutex<Published>>, Arc<Counters>);

async fn discovery(State((published, counters)): State<Shared>) -> Json<Value> {
    counters.discovery_hits.fetch_add(1, Ordering::SeqCst);
    let p = published.lock().unwrap();
    let issuer = p
        .discovery_issuer
        .clone()
        .unwrap_or_else(|| p.issuer.clone());
    Json(json!({
        "issuer": issuer,
        "jwks_uri": format!("{}/jwks", p.issuer),
        "authorization_endpoint": format!("{}/authorize", p.issuer),
        "id_token_signing_alg_values_supported": ["RS256", "ES256"],
    }))
}

async fn jwks(State((published, counters)): State<Shared>) -> Json<Value> {
    counters.jwks_hits.fetch_add(1, Ordering::SeqCst);
    Json(published.lock().unwrap().jwks.clone())
}

fn jwks_of(keys: &[&TestKey]) -> Value {
    json!({ "keys": keys.iter().map(|k| k.jwk.clone()).collect::<Vec<_>>() })
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// `claims` with `key` set to `value`.
pub fn with(mut claims: Value, key: &str, value: Value) -> Value {
    claims[key] = value;
    claims
}

/// `claims` without `key`.
pub fn without(mut claims: Value, key: &str) -> Value {
    claims.as_object_mut().unwrap().remove(key);
    claims
}
