//! Files of the meetings room: an attachment's upload as it arrives and is checked, and how
//! stored files are named and linked.

use axum::extract::Multipart;
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
