//! The issuer's signing keys, parsed from its JWKS and indexed by `kid`. Only keys that can
//! verify an allowed algorithm are kept: RSA for RS256, EC P-256 for ES256. Symmetric (`oct`)
//! keys, encryption keys and other curves are dropped, so a token can never be checked
//! against a key of the wrong kind.

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};

use super::fetch::RawKeySet;

/// What a key can verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// An RSA public key (RS256).
    Rsa,
    /// An EC public key on P-256 (ES256).
    EcP256,
}

impl KeyKind {
    /// The kind of key `alg` needs, if the gateway supports it.
    pub fn for_algorithm(alg: Algorithm) -> Option<Self> {
        match alg {
            Algorithm::RS256 => Some(Self::Rsa),
            Algorithm::ES256 => Some(Self::EcP256),
            _ => None,
        }
    }
}

/// One usable signing key.
#[derive(Clone)]
pub(crate) struct SigningKey {
    pub kid: Option<String>,
    pub kind: KeyKind,
    /// The algorithm the JWKS pins the key to, if it does.
    pub pinned: Option<Algorithm>,
    pub key: DecodingKey,
}

/// The usable keys of one JWKS fetch.
#[derive(Clone, Default)]
pub(crate) struct KeySet {
    keys: Vec<SigningKey>,
}

impl KeySet {
    /// Parses every key it can use; the rest are skipped (and logged at debug level).
    pub fn from_raw(raw: RawKeySet) -> Self {
        let keys = raw
            .keys
            .into_iter()
            .filter_map(|value| {
                let jwk: Jwk = serde_json::from_value(value)
                    .inspect_err(|e| tracing::debug!(error = %e, "JWKS entry skipped"))
                    .ok()?;
                usable_key(&jwk)
            })
            .collect();
        Self { keys }
    }

    /// Number of usable keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The key named `kid`; without a `kid`, the only key of the kind `alg` needs.
    pub fn find(&self, kid: Option<&str>, alg: Algorithm) -> Option<SigningKey> {
        match kid {
            Some(kid) => self
                .keys
                .iter()
                .find(|k| k.kid.as_deref() == Some(kid))
                .cloned(),
            None => {
                let kind = KeyKind::for_algorithm(alg)?;
                let mut candidates = self.keys.iter().filter(|k| k.kind == kind);
                match (candidates.next(), candidates.next()) {
                    (Some(only), None) => Some(only.clone()),
                    _ => None,
                }
            }
        }
    }
}

fn usable_key(jwk: &Jwk) -> Option<SigningKey> {
    let for_signing = matches!(
        jwk.common.public_key_use,
        None | Some(PublicKeyUse::Signature)
    );
    if !for_signing {
        return None;
    }
    let kind = match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => KeyKind::Rsa,
        AlgorithmParameters::EllipticCurve(p) if p.curve == EllipticCurve::P256 => KeyKind::EcP256,
        _ => return None,
    };
    let pinned = match jwk.common.key_algorithm {
        None => None,
        Some(declared) => Some(Algorithm::try_from(declared).ok()?),
    };
    let key = DecodingKey::from_jwk(jwk)
        .inspect_err(|e| tracing::debug!(error = %e, "JWKS key unreadable"))
        .ok()?;
    Some(SigningKey {
        kid: jwk.common.key_id.clone(),
        kind,
        pinned,
        key,
    })
}
