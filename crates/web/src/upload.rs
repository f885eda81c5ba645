//! A multipart form with one file, read with the file's size checked as it arrives, and the file
//! checked by its content: what meeting attachments and registered documents are uploaded with.

use axum::extract::Multipart;
use axum::http::StatusCode;
use domain::meetings::attachment::{MAX_ATTACHMENT_BYTES, safe_file_name, sniff};
use domain::{FieldError, Invalid};

use crate::error::{AppError, AppResult};

/// The parts of a multipart form: its text fields, the file of the field `file` (if one was
/// chosen) and whether anything was larger than allowed.
#[derive(Default)]
pub struct Multi {
    fields: Vec<(String, String)>,
    file: Option<(String, Vec<u8>)>,
    too_large: bool,
}

/// A file that passed the checks: a safe name, its kind by content, its bytes.
pub struct CheckedFile {
    pub file_name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

fn file_error(code: &'static str, sv: &str, en: &str) -> Invalid {
    Invalid::one(FieldError::new("file", code, sv.to_string(), en.to_string()))
}

impl Multi {
    /// The text of field `name`, or "".
    pub fn get(&self, name: &str) -> String {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// The chosen file's name as the browser sent it (indicators: recorded with an import).
    pub fn file_name(&self) -> Option<&str> {
        self.file.as_ref().map(|(n, _)| n.as_str())
    }

    /// The text fields by name (the first of a repeated name), for forms whose fields are named
    /// by what they hold (the referral's open form: a comment per section).
    pub fn fields(&self) -> std::collections::HashMap<String, String> {
        let mut out = std::collections::HashMap::new();
        for (k, v) in &self.fields {
            out.entry(k.clone()).or_insert_with(|| v.clone());
        }
        out
    }

    /// The chosen file, checked, or none when no file was chosen (a form whose file is optional).
    pub fn optional_file(self) -> Result<Option<CheckedFile>, Invalid> {
        if self.has_file() { self.file().map(Some) } else { Ok(None) }
    }

    pub fn has_file(&self) -> bool {
        self.file.is_some() || self.too_large
    }

    /// The chosen file as UTF-8 text of at most `limit` bytes (a directory export), without the
    /// content check of attachments; `None` when no file was chosen.
    pub fn text_file(&self, limit: usize) -> Option<Result<String, Invalid>> {
        if self.too_large || self.file.as_ref().is_some_and(|(_, b)| b.len() > limit) {
            let mb = limit >> 20;
            return Some(Err(file_error(
                "file_too_large",
                &format!("Filen är för stor. Den får vara högst {mb} MB."),
                &format!("The file is too large. It may be at most {mb} MB."),
            )));
        }
        let (_, bytes) = self.file.as_ref()?;
        Some(match std::str::from_utf8(bytes) {
            Ok(t) if t.contains('\0') => {
                Err(file_error("nul", "Filen innehåller NUL-tecken.", "The file contains NUL characters."))
            }
            Ok(t) => Ok(t.to_string()),
            Err(_) => Err(file_error("not_utf8", "Filen är inte UTF-8-kodad text.", "The file is not UTF-8 text.")),
        })
    }

    /// The file, checked: not too large, present, of a kind the product accepts by its content.
    pub fn file(self) -> Result<CheckedFile, Invalid> {
        if self.too_large {
            let mb = MAX_ATTACHMENT_BYTES >> 20;
            return Err(file_error(
                "file_too_large",
                &format!("Filen är för stor. Den får vara högst {mb} MB."),
                &format!("The file is too large. It may be at most {mb} MB."),
            ));
        }
        let Some((name, bytes)) = self.file else {
            return Err(file_error("file_required", "Välj en fil att ladda upp.", "Choose a file to upload."));
        };
        let kind = sniff(&name, &bytes).map_err(Invalid::one)?;
        Ok(CheckedFile { file_name: safe_file_name(&name), mime: kind.mime(), bytes })
    }
}

/// Whether a request's body is multipart/form-data: how the routes that take a file take it
/// (and JSON, or a plain form, otherwise).
pub fn is_multipart(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// The JSON body of an API route that also takes a file as multipart/form-data (and so allows
/// a file's size): read whole, and held to every JSON body's limit (`crate::JSON_LIMIT`).
pub async fn json_body(req: axum::extract::Request, app: &crate::App) -> AppResult<axum::body::Bytes> {
    use axum::extract::FromRequest;
    let body = axum::body::Bytes::from_request(req, app).await.map_err(|_| AppError::BadRequest {
        code: "invalid_body",
        field: None,
        sv: "Kroppen kunde inte läsas.".into(),
        en: "The body could not be read.".into(),
    })?;
    if body.len() > crate::JSON_LIMIT {
        return Err(AppError::PayloadTooLarge);
    }
    Ok(body)
}

/// Reads a request's body as a multipart form (indicators): a body of another kind is a bad
/// request, said in both languages. Call it after the permission check.
pub async fn read_request(req: axum::extract::Request, app: &crate::App) -> AppResult<Multi> {
    use axum::extract::FromRequest;
    let mp = Multipart::from_request(req, app).await.map_err(|_| AppError::BadRequest {
        code: "invalid_form",
        field: None,
        sv: "Skicka formuläret som multipart/form-data.".into(),
        en: "Send the form as multipart/form-data.".into(),
    })?;
    read(mp).await
}

/// Reads the form; a body cut off at the limit is reported at the field `file`, a malformed one
/// is a bad request. Text fields with NUL are refused.
pub async fn read(mut mp: Multipart) -> AppResult<Multi> {
    let mut up = Multi::default();
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Ok(())
        } else {
            Err(AppError::BadRequest {
                code: "invalid_form",
                field: None,
                sv: "Formuläret kunde inte läsas.".into(),
                en: "The form could not be read.".into(),
            })
        }
    };
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                bad(e)?;
                up.too_large = true;
                break;
            }
        };
        let field_name = field.name().unwrap_or("").to_string();
        if field_name != "file" {
            let text = field.text().await.unwrap_or_default();
            up.fields.push((field_name, text));
            continue;
        }
        let name = field.file_name().unwrap_or("").to_string();
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(c)) => {
                    if bytes.len() + c.len() > MAX_ATTACHMENT_BYTES {
                        up.too_large = true;
                    } else {
                        bytes.extend_from_slice(&c);
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    bad(e)?;
                    up.too_large = true;
                    break;
                }
            }
        }
        if up.too_large {
            break;
        }
        if !(name.is_empty() && bytes.is_empty()) {
            up.file = Some((name, bytes));
        }
    }
    let name = up.file.as_ref().map_or("", |(n, _)| n.as_str()).to_string();
    crate::forms::refuse_nul(
        up.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain(std::iter::once(("file", name.as_str()))),
    )?;
    Ok(up)
}

/// Stores a file's bytes by their digest (on a blocking thread). Returns the digest and whether
/// the bytes are new to the store, so that a record that then fails can remove them again.
pub async fn store_bytes(app: &crate::App, bytes: Vec<u8>) -> AppResult<(String, bool)> {
    let files = app.files.clone();
    tokio::task::spawn_blocking(move || {
        let fresh = !files.exists(&store::files::sha256_hex(&bytes));
        files.put(&bytes).map(|sha| (sha, fresh))
    })
    .await
    .map_err(|e| AppError::Internal(format!("storing a file: {e}")))?
    .map_err(|e| AppError::Internal(format!("storing a file: {e}")))
}

/// After a record failed: removes the bytes it brought, when they were new and nothing uses them.
pub async fn forget_fresh(app: &crate::App, sha256: &str, fresh: bool) {
    if fresh && let Err(gone) = app.store.remove_unused_file(app.files.as_ref(), sha256).await {
        tracing::warn!(error = %gone, "a refused upload's file stays on disk");
    }
}
