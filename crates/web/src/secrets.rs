//! Random secrets and their digests: session ids, CSRF tokens, API tokens, demo passwords. No
//! other module of the crate is needed here, so the request context and the password checks can
//! both use it.

use sha2::{Digest, Sha256};

/// 32 random bytes as hex: session ids, CSRF tokens, API tokens, demo passwords.
pub fn new_secret() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("the operating system's random source");
    hex(&b)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What is stored of a session id or token: its SHA-256, so a leaked table opens nothing.
pub fn sha256_hex(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

/// Compares secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A personal API token as shown once to its owner: `svk_` and 64 hex digits.
pub fn new_api_token() -> String {
    format!("svk_{}", new_secret())
}
