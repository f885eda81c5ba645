//! Files of the meetings room: an attachment's upload as it arrives and is checked, and how
//! stored files and generated PDFs are named, linked and served.

use axum::extract::Multipart;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::meetings::attachment::MAX_ATTACHMENT_BYTES;
use domain::{FieldError, Invalid};
use store::meetings::Attachment;

use crate::error::AppResult;

/// The largest upload body: the largest attachment and room for the form around it. Larger
/// bodies are cut off by axum and reported at the field `file`.
pub const UPLOAD_LIMIT: usize = MAX_ATTACHMENT_BYTES + (256 << 10);

/// What the attachment form keeps when it is shown again (a browser never resends a file).
#[derive(Clone, Debug, Default)]
pub struct UploadForm {
    pub title: String,
    pub agenda_item: String,
}

/// The parts of an upload form, read with the file's size checked as it arrives.
pub struct Upload {
    pub form: UploadForm,
    multi: crate::upload::Multi,
}

/// A checked upload: what the store records, and the bytes.
pub struct NewAttachment {
    pub title: String,
    pub file_name: String,
    pub mime: &'static str,
    pub agenda_item: Option<i64>,
    pub bytes: Vec<u8>,
}

pub async fn read_upload(mp: Multipart) -> AppResult<Upload> {
    let multi = crate::upload::read(mp).await?;
    let form = UploadForm { title: multi.get("attachment_title"), agenda_item: multi.get("agenda_item") };
    Ok(Upload { form, multi })
}

impl Upload {
    /// Checks the upload: its size, that there is a file, its kind by content, the title (the
    /// file's name without extension by default) and the agenda item it belongs to.
    pub fn parse(self) -> Result<NewAttachment, Invalid> {
        let f = self.multi.file()?;
        let default_title = f.file_name.rsplit_once('.').map_or(f.file_name.as_str(), |(s, _)| s).to_string();
        let title = domain::text::optional("attachment_title", &self.form.title, 300).map_err(Invalid::one)?;
        let agenda_item = match self.form.agenda_item.trim() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    return Err(Invalid::one(FieldError::new(
                        "agenda_item",
                        "invalid_id",
                        "Välj en punkt i listan.",
                        "Choose an item from the list.",
                    )));
                }
            },
        };
        Ok(NewAttachment {
            title: title.unwrap_or(default_title),
            file_name: f.file_name,
            mime: f.mime,
            agenda_item,
            bytes: f.bytes,
        })
    }
}

/// "12 kB", "1.4 MB".
pub fn human_size(n: &i64) -> String {
    match *n {
        n if n < 1024 => format!("{n} B"),
        n if n < 1024 * 1024 => format!("{} kB", (n + 1023) / 1024),
        n => format!("{:.1} MB", n as f64 / (1024.0 * 1024.0)),
    }
}

/// The address an attachment is downloaded from.
pub fn attachment_href(a: &Attachment) -> String {
    format!("/bilagor/{}/{}", a.id, crate::pages::url_encode(&a.file_name).replace('/', "%2F"))
}

/// `Content-Disposition` for a stored file name: PDF and images open in the browser, the rest
/// are saved; an ASCII fallback and the exact name in RFC 8187 encoding.
pub fn disposition(file_name: &str, mime: &str) -> String {
    let kind = if mime == "application/pdf" || mime.starts_with("image/") { "inline" } else { "attachment" };
    let ascii: String = file_name
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    let encoded = crate::pages::url_encode(file_name).replace('/', "%2F");
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A PDF shown inline, with a plain ASCII file name (`stem` + ".pdf").
pub fn pdf_response(bytes: Vec<u8>, stem: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{stem}.pdf\"")),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispositions_are_safe_and_exact() {
        let d = disposition("Regional plan å.pdf", "application/pdf");
        assert_eq!(d, "inline; filename=\"Regional plan _.pdf\"; filename*=UTF-8''Regional%20plan%20%C3%A5.pdf");
        assert!(disposition("a.docx", "application/x").starts_with("attachment;"));
    }
}
