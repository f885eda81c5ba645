//! Texts of the meetings pages.

use domain::error::Lang;

super::catalogue! {}
