//! The identity providers an installation trusts, read from the environment:
//! `SAMVERKAN_OIDC_<N>_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET`, `_LABEL` and, optionally,
//! `_ORGANISATION` (the id of the organisation whose people sign in there). N is a number
//! of one to three digits; it is the provider's name in the sign-in address, so it must stay
//! the same for a provider while sign-ins are in progress.

use std::collections::BTreeMap;

/// A provider's configuration. The secret is never shown or logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Provider {
    pub number: u32,
    /// The issuer identifier: discovery is at `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// "Region Östergötlands konto": the button reads "Logga in med <label>".
    pub label: String,
    pub organisation_id: Option<i64>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("number", &self.number)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("label", &self.label)
            .field("organisation_id", &self.organisation_id)
            .finish_non_exhaustive()
    }
}

const PREFIX: &str = "SAMVERKAN_OIDC_";
const KEYS: &[&str] = &["ISSUER", "CLIENT_ID", "CLIENT_SECRET", "LABEL", "ORGANISATION"];

/// The providers of the `SAMVERKAN_OIDC_*` variables among `vars`, ordered by number; an
/// incomplete or misspelt set is an error naming the variable, so a typo never silently
/// leaves a region without its sign-in.
pub fn from_env(vars: impl IntoIterator<Item = (String, String)>) -> Result<Vec<Provider>, String> {
    let mut found: BTreeMap<u32, BTreeMap<&'static str, String>> = BTreeMap::new();
    for (name, value) in vars {
        let Some(rest) = name.strip_prefix(PREFIX) else { continue };
        let parsed = rest.split_once('_').and_then(|(n, key)| {
            let number = (n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())).then(|| n.parse::<u32>().ok())??;
            KEYS.iter().find(|k| **k == key).map(|k| (number, *k))
        });
        let Some((number, key)) = parsed else {
            return Err(format!("{name}: expected {PREFIX}<N>_{{{}}} with N a number", KEYS.join(",")));
        };
        found.entry(number).or_default().insert(key, value.trim().to_string());
    }
    found
        .into_iter()
        .map(|(number, mut v)| {
            let mut take = |key: &str| {
                v.remove(key).filter(|s| !s.is_empty()).ok_or_else(|| format!("{PREFIX}{number}_{key} is missing"))
            };
            let issuer = take("ISSUER")?.trim_end_matches('/').to_string();
            check_issuer(&issuer).map_err(|e| format!("{PREFIX}{number}_ISSUER: {e}"))?;
            let (client_id, client_secret, label) = (take("CLIENT_ID")?, take("CLIENT_SECRET")?, take("LABEL")?);
            let organisation_id = match v.remove("ORGANISATION").filter(|s| !s.is_empty()) {
                None => None,
                Some(s) => Some(
                    s.parse::<i64>()
                        .ok()
                        .filter(|i| *i > 0)
                        .ok_or_else(|| format!("{PREFIX}{number}_ORGANISATION: an organisation's id, not {s:?}"))?,
                ),
            };
            Ok(Provider { number, issuer, client_id, client_secret, label, organisation_id })
        })
        .collect()
}

/// An issuer is an `https` URL without query or fragment (OpenID Connect Discovery 1.0 §2);
/// plain `http` only on the machine itself (127.0.0.1, ::1, localhost), for development and the
/// tests' provider, as RFC 8252 §8.3 allows loopback for native clients.
pub fn check_issuer(issuer: &str) -> Result<(), &'static str> {
    if issuer.contains(['?', '#', ' ']) {
        return Err("an issuer URL has no query, fragment or spaces");
    }
    if let Some(rest) = issuer.strip_prefix("https://") {
        return if rest.is_empty() || rest.starts_with('/') { Err("the host is missing") } else { Ok(()) };
    }
    match issuer.strip_prefix("http://") {
        Some(rest) if is_loopback(rest) => Ok(()),
        _ => Err("must start with https:// (http:// only on 127.0.0.1, [::1] or localhost)"),
    }
}

fn is_loopback(authority_and_path: &str) -> bool {
    let authority = authority_and_path.split('/').next().unwrap_or("");
    let host = if authority.starts_with('[') {
        authority.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or("").to_string()
    };
    matches!(host.as_str(), "127.0.0.1" | "[::1]" | "localhost")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn providers_are_read_by_number() {
        let p = from_env(vars(&[
            ("PATH", "/bin"),
            ("SAMVERKAN_OIDC_2_ISSUER", "https://login.microsoftonline.com/abc/v2.0/"),
            ("SAMVERKAN_OIDC_2_CLIENT_ID", "id2"),
            ("SAMVERKAN_OIDC_2_CLIENT_SECRET", "s2"),
            ("SAMVERKAN_OIDC_2_LABEL", "Linköpings kommuns konto"),
            ("SAMVERKAN_OIDC_1_ISSUER", "http://127.0.0.1:9000"),
            ("SAMVERKAN_OIDC_1_CLIENT_ID", "id1"),
            ("SAMVERKAN_OIDC_1_CLIENT_SECRET", "s1"),
            ("SAMVERKAN_OIDC_1_LABEL", "Region Östergötlands konto"),
            ("SAMVERKAN_OIDC_1_ORGANISATION", "7"),
        ]))
        .unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].number, p[0].organisation_id, p[0].label.as_str()),
            (1, Some(7), "Region Östergötlands konto")
        );
        assert_eq!(p[1].issuer, "https://login.microsoftonline.com/abc/v2.0");
        assert!(!format!("{:?}", p[1]).contains("s2"), "the secret is never printed");
        assert_eq!(from_env(vars(&[("HOME", "/root")])).unwrap(), vec![]);
    }

    #[test]
    fn an_incomplete_or_misspelt_provider_is_an_error_naming_the_variable() {
        let e = from_env(vars(&[("SAMVERKAN_OIDC_1_ISSUER", "https://idp.se")])).unwrap_err();
        assert!(e.contains("SAMVERKAN_OIDC_1_CLIENT_ID"), "{e}");
        let e = from_env(vars(&[("SAMVERKAN_OIDC_1_CLIENTID", "x")])).unwrap_err();
        assert!(e.contains("SAMVERKAN_OIDC_1_CLIENTID"), "{e}");
        let e = from_env(vars(&[("SAMVERKAN_OIDC_X_LABEL", "x")])).unwrap_err();
        assert!(e.contains("SAMVERKAN_OIDC_X_LABEL"), "{e}");
        let mut v = vars(&[
            ("SAMVERKAN_OIDC_1_ISSUER", "https://idp.se"),
            ("SAMVERKAN_OIDC_1_CLIENT_ID", "id"),
            ("SAMVERKAN_OIDC_1_CLIENT_SECRET", "s"),
            ("SAMVERKAN_OIDC_1_LABEL", "L"),
        ]);
        v.push(("SAMVERKAN_OIDC_1_ORGANISATION".into(), "sju".into()));
        assert!(from_env(v).unwrap_err().contains("ORGANISATION"));
    }

    /// OpenID Connect Discovery 1.0 §2: https issuers; loopback http for development.
    #[test]
    fn issuers_are_https_or_loopback() {
        assert!(check_issuer("https://idp.region.se/realms/r").is_ok());
        assert!(check_issuer("http://127.0.0.1:8081").is_ok());
        assert!(check_issuer("http://localhost/x").is_ok());
        assert!(check_issuer("http://[::1]:9").is_ok());
        assert!(check_issuer("http://idp.region.se").is_err());
        assert!(check_issuer("http://127.0.0.1.evil.se").is_err());
        assert!(check_issuer("https://").is_err());
        assert!(check_issuer("https://idp.se?x=1").is_err());
        assert!(check_issuer("ftp://idp.se").is_err());
    }
}
