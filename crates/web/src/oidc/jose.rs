//! The ID token's signature (RFC 7515, JWS compact serialisation), verified with the provider's
//! published keys (RFC 7517) by ring, the cryptography already used for TLS (ADR 29). Which
//! algorithm a key may be used with is the domain's rule (`domain::identity::algorithm`):
//! never `none`, never HMAC with a public key.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::identity::algorithm::{self, Algorithm};
use domain::identity::{IdClaims, Refusal};
use ring::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
    /// Extensions the token says must be understood (RFC 7515 §4.1.11): we understand none.
    #[serde(default)]
    crit: Option<Value>,
}

fn decode(part: &str) -> Result<Vec<u8>, Refusal> {
    URL_SAFE_NO_PAD.decode(part).map_err(|_| Refusal::Malformed)
}

/// The claims of `token` once its signature verifies with a key of `key_set` (a JWKS): the key
/// with the token's `kid`, or any signing key that fits when it names none.
pub fn verify(token: &str, key_set: &Value) -> Result<IdClaims, Refusal> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    let [head, payload, sig] = parts[..] else { return Err(Refusal::Malformed) };
    let header: Header = serde_json::from_slice(&decode(head)?).map_err(|_| Refusal::Malformed)?;
    if header.crit.is_some() {
        return Err(Refusal::Malformed);
    }
    // An algorithm we never accept is refused before any key is looked at.
    algorithm::for_key(&header.alg, "RSA", None, None)
        .or_else(|_| algorithm::for_key(&header.alg, "EC", Some("P-256"), None))?;
    let signature = decode(sig)?;
    let signed = format!("{head}.{payload}");
    let keys: Vec<&Value> = key_set
        .get("keys")
        .and_then(Value::as_array)
        .map(|k| k.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.get("use").and_then(Value::as_str).is_none_or(|u| u == "sig"))
        .filter(|k| header.kid.as_deref().is_none_or(|kid| k.get("kid").and_then(Value::as_str) == Some(kid)))
        .collect();
    if keys.is_empty() {
        return Err(Refusal::UnknownKey);
    }
    let mut refusal = Refusal::UnknownKey;
    for key in keys {
        let text = |name: &str| key.get(name).and_then(Value::as_str);
        let alg = match algorithm::for_key(&header.alg, text("kty").unwrap_or(""), text("crv"), text("alg")) {
            Ok(a) => a,
            Err(r) => {
                refusal = r;
                continue;
            }
        };
        if verifies(alg, key, signed.as_bytes(), &signature) {
            return serde_json::from_slice(&decode(payload)?).map_err(|_| Refusal::Malformed);
        }
        refusal = Refusal::Signature;
    }
    Err(refusal)
}

fn verifies(alg: Algorithm, key: &Value, message: &[u8], sig: &[u8]) -> bool {
    let part = |name: &str| key.get(name).and_then(Value::as_str).and_then(|s| URL_SAFE_NO_PAD.decode(s).ok());
    match alg {
        Algorithm::Rs256 | Algorithm::Ps256 => {
            let (Some(n), Some(e)) = (part("n"), part("e")) else { return false };
            let params = if alg == Algorithm::Rs256 {
                &signature::RSA_PKCS1_2048_8192_SHA256
            } else {
                &signature::RSA_PSS_2048_8192_SHA256
            };
            RsaPublicKeyComponents { n: &n, e: &e }.verify(params, message, sig).is_ok()
        }
        Algorithm::Es256 => {
            let (Some(x), Some(y)) = (part("x"), part("y")) else { return false };
            if x.len() != 32 || y.len() != 32 {
                return false;
            }
            let point = [&[4u8][..], &x, &y].concat();
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, point).verify(message, sig).is_ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::rand::SystemRandom;
    use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
    use serde_json::json;

    fn b64(v: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(v)
    }

    /// A P-256 key made for the test, and its public JWK.
    fn key(kid: &str) -> (EcdsaKeyPair, Value) {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).unwrap();
        let public = pair.public_key().as_ref();
        let jwk = json!({"kty": "EC", "crv": "P-256", "kid": kid, "use": "sig",
                         "x": b64(&public[1..33]), "y": b64(&public[33..65])});
        (pair, jwk)
    }

    fn claims() -> Value {
        json!({"iss": "https://idp.se", "sub": "u1", "aud": "samverkan", "exp": 2, "iat": 1, "nonce": "n"})
    }

    fn token(pair: &EcdsaKeyPair, header: &Value, claims: &Value) -> String {
        let signed = format!("{}.{}", b64(header.to_string().as_bytes()), b64(claims.to_string().as_bytes()));
        let sig = pair.sign(&SystemRandom::new(), signed.as_bytes()).unwrap();
        format!("{signed}.{}", b64(sig.as_ref()))
    }

    #[test]
    fn a_token_signed_by_the_published_key_verifies() {
        let (pair, jwk) = key("k1");
        let t = token(&pair, &json!({"alg": "ES256", "kid": "k1"}), &claims());
        let c = verify(&t, &json!({"keys": [jwk]})).unwrap();
        assert_eq!((c.sub.as_str(), c.aud.clone()), ("u1", vec!["samverkan".to_string()]));
    }

    /// RFC 7515 §5.2: a changed payload, or another key's signature, does not verify.
    #[test]
    fn a_tampered_token_or_another_key_is_refused() {
        let (pair, jwk) = key("k1");
        let t = token(&pair, &json!({"alg": "ES256", "kid": "k1"}), &claims());
        let parts: Vec<&str> = t.split('.').collect();
        let forged = json!({"iss": "https://idp.se", "sub": "admin", "aud": "samverkan", "exp": 2, "iat": 1});
        let tampered = format!("{}.{}.{}", parts[0], b64(forged.to_string().as_bytes()), parts[2]);
        assert_eq!(verify(&tampered, &json!({"keys": [jwk.clone()]})), Err(Refusal::Signature));
        let (other, _) = key("k1");
        let t = token(&other, &json!({"alg": "ES256", "kid": "k1"}), &claims());
        assert_eq!(verify(&t, &json!({"keys": [jwk.clone()]})), Err(Refusal::Signature));
        let t = token(&pair, &json!({"alg": "ES256", "kid": "k2"}), &claims());
        assert_eq!(verify(&t, &json!({"keys": [jwk]})), Err(Refusal::UnknownKey));
    }

    /// RFC 8725 §2.1: `alg: none` with no signature, and HS256 "signed" with the public key as
    /// the secret, are refused before any verification.
    #[test]
    fn unsigned_and_hmac_tokens_are_refused() {
        let (_, jwk) = key("k1");
        let set = json!({"keys": [jwk.clone()]});
        let none = format!("{}.{}.", b64(br#"{"alg":"none"}"#), b64(claims().to_string().as_bytes()));
        assert_eq!(verify(&none, &set), Err(Refusal::Algorithm));
        let signed = format!("{}.{}", b64(br#"{"alg":"HS256","kid":"k1"}"#), b64(claims().to_string().as_bytes()));
        let mac = ring::hmac::sign(
            &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, jwk.to_string().as_bytes()),
            signed.as_bytes(),
        );
        assert_eq!(verify(&format!("{signed}.{}", b64(mac.as_ref())), &set), Err(Refusal::Algorithm));
        // An RSA algorithm named for an EC key is a mismatch, not a try.
        let (pair, _) = key("k1");
        let t = token(&pair, &json!({"alg": "RS256", "kid": "k1"}), &claims());
        assert_eq!(verify(&t, &set), Err(Refusal::Algorithm));
    }

    #[test]
    fn malformed_tokens_are_refused() {
        let set = json!({"keys": []});
        for t in ["", "a.b", "a.b.c.d", "!!.e30.e30", "e30.e30.e30"] {
            assert!(verify(t, &set).is_err(), "{t}");
        }
        let (pair, jwk) = key("k1");
        let t = token(&pair, &json!({"alg": "ES256", "kid": "k1", "crit": ["x"]}), &claims());
        assert_eq!(verify(&t, &json!({"keys": [jwk]})), Err(Refusal::Malformed));
    }
}
