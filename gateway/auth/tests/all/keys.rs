//! Signing keys generated once per test process (RSA-2048 is slow to generate unoptimised):
//! two RSA keys (the second for rotation) and one P-256 key, each with its public JWK.

use std::sync::LazyLock;

use jsonwebtoken::jwk::{Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::pkcs8::EncodePrivateKey;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::rand_core::OsRng;
use serde_json::Value;

/// A private signing key, its kid and its public JWK.
pub struct TestKey {
    pub kid: String,
    pub alg: Algorithm,
    pub encoding: EncodingKey,
    pub jwk: Value,
    /// The public key as PEM (what an attacker would use as an HMAC secret).
    pub public_pem: Vec<u8>,
}

impl TestKey {
    /// Signs `claims` with this key and its kid.
    pub fn sign(&self, claims: &Value) -> String {
        let header = Header {
            kid: Some(self.kid.clone()),
            ..Header::new(self.alg)
        };
        jsonwebtoken::encode(&header, claims, &self.encoding).unwrap()
    }

    /// Signs `claims` with this key but names another kid in the header.
    pub fn sign_as(&self, kid: &str, claims: &Value) -> String {
        let header = Header {
            kid: Some(kid.to_owned()),
            ..Header::new(self.alg)
        };
        jsonwebtoken::encode(&header, claims, &self.encoding).unwrap()
    }
}

fn public_jwk(encoding: &EncodingKey, alg: Algorithm, kid: &str) -> Value {
    let mut jwk = Jwk::from_encoding_key(encoding, alg).unwrap();
    jwk.common.key_id = Some(kid.to_owned());
    jwk.common.public_key_use = Some(PublicKeyUse::Signature);
    serde_json::to_value(jwk).unwrap()
}

fn rsa_key(kid: &str) -> TestKey {
    let private = rsa::RsaPrivateKey::new(&mut OsRng, 2048).unwrap();
    let der = private.to_pkcs1_der().unwrap();
    let encoding = EncodingKey::from_rsa_der(der.as_bytes());
    let public_pem = private
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap()
        .into_bytes();
    TestKey {
        kid: kid.to_owned(),
        alg: Algorithm::RS256,
        jwk: public_jwk(&encoding, Algorithm::RS256, kid),
        encoding,
        public_pem,
    }
}

fn ec_key(kid: &str) -> TestKey {
    let secret = p256::SecretKey::random(&mut OsRng);
    let der = secret.to_pkcs8_der().unwrap();
    let encoding = EncodingKey::from_ec_der(der.as_bytes());
    let public_pem = secret
        .public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap()
        .into_bytes();
    TestKey {
        kid: kid.to_owned(),
        alg: Algorithm::ES256,
        jwk: public_jwk(&encoding, Algorithm::ES256, kid),
        encoding,
        public_pem,
    }
}

/// The issuer's first RSA key.
pub static RSA_A: LazyLock<TestKey> = LazyLock::new(|| rsa_key("rsa-a"));
/// The RSA key the issuer rotates to.
pub static RSA_B: LazyLock<TestKey> = LazyLock::new(|| rsa_key("rsa-b"));
/// The issuer's P-256 key.
pub static EC_A: LazyLock<TestKey> = LazyLock::new(|| ec_key("ec-a"));
