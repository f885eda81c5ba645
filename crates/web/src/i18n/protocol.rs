//! Texts of the protocol pages.

use domain::error::Lang;

super::catalogue! {}
