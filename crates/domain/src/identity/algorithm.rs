//! Which signature algorithm an ID token may name for which key. An ID token must be signed
//! (OpenID Connect Core 1.0 §3.1.3.7 item 6; `none` is for tokens not sent through the front
//! channel, and we do not accept it at all), and a public key is never an HMAC secret: letting a
//! token's header pick HS256 with the provider's public RSA key as the "secret" is the classic
//! algorithm confusion attack (RFC 8725 §2.1 and §3.1: each key is used with exactly one
//! algorithm). We accept RSASSA-PKCS1-v1_5 and RSASSA-PSS with SHA-256 on RSA keys and ECDSA
//! P-256 with SHA-256 on EC keys (RFC 7518 §3.1).

use super::Refusal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Rs256,
    Ps256,
    Es256,
}

/// The algorithm of a token whose header says `alg`, verified with a key of type `kty` (and
/// curve `crv` for EC keys) whose own `alg`, when the key set states one, is `key_alg`.
pub fn for_key(alg: &str, kty: &str, crv: Option<&str>, key_alg: Option<&str>) -> Result<Algorithm, Refusal> {
    let algorithm = match alg {
        "RS256" => Algorithm::Rs256,
        "PS256" => Algorithm::Ps256,
        "ES256" => Algorithm::Es256,
        // `none`, the HMAC family and everything else.
        _ => return Err(Refusal::Algorithm),
    };
    if key_alg.is_some_and(|k| k != alg) {
        return Err(Refusal::Algorithm);
    }
    let fits = match algorithm {
        Algorithm::Rs256 | Algorithm::Ps256 => kty == "RSA",
        Algorithm::Es256 => kty == "EC" && crv == Some("P-256"),
    };
    if fits { Ok(algorithm) } else { Err(Refusal::Algorithm) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsa_and_p256_keys_take_their_own_algorithms() {
        assert_eq!(for_key("RS256", "RSA", None, None), Ok(Algorithm::Rs256));
        assert_eq!(for_key("PS256", "RSA", None, Some("PS256")), Ok(Algorithm::Ps256));
        assert_eq!(for_key("ES256", "EC", Some("P-256"), None), Ok(Algorithm::Es256));
    }

    /// RFC 8725 §2.1: `none` and an HMAC "secret" made of the public key are refused.
    #[test]
    fn none_and_hmac_are_refused_whatever_the_key() {
        for alg in ["none", "None", "HS256", "HS384", "HS512", "", "RS512x"] {
            assert_eq!(for_key(alg, "RSA", None, None), Err(Refusal::Algorithm), "{alg}");
            assert_eq!(for_key(alg, "oct", None, None), Err(Refusal::Algorithm), "{alg}");
        }
    }

    /// RFC 8725 §3.1: a key is used with one algorithm; a mismatch is refused.
    #[test]
    fn a_key_is_not_used_with_another_algorithm() {
        assert_eq!(for_key("ES256", "RSA", None, None), Err(Refusal::Algorithm));
        assert_eq!(for_key("RS256", "EC", Some("P-256"), None), Err(Refusal::Algorithm));
        assert_eq!(for_key("ES256", "EC", Some("P-384"), None), Err(Refusal::Algorithm));
        assert_eq!(for_key("RS256", "RSA", None, Some("PS256")), Err(Refusal::Algorithm));
    }
}
