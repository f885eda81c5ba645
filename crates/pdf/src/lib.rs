//! Renders a small document model to a tagged, accessible PDF.
//!
//! The model is what meeting documents need (notices, protocols, certified extracts): headings,
//! paragraphs, label–value fields, bulleted lists, tables that break across pages with a repeated
//! header row, signature blocks, and vector figures (charts) with their text alternative.
//! [`render`] lays the blocks out on A4 pages with DejaVu Sans
//! (shipped in `fonts/`, subset and embedded) and writes a PDF whose structure tree follows the
//! reading order, with running headers, footers and rules marked as artifacts. The output is
//! deterministic: the same [`Document`] always gives the same bytes.
//!
//! ```
//! let doc = pdf::Document {
//!     title: "Protokoll".into(),
//!     lang: "sv-SE".into(),
//!     author: None,
//!     subject: None,
//!     header: Some("PROTOKOLL · Kommunalt forum".into()),
//!     footer_page_label: "Sida {page} av {pages}".into(),
//!     logo: None,
//!     blocks: vec![pdf::Block::Heading { level: 1, text: "Protokoll".into() }],
//! };
//! let bytes = pdf::render(&doc);
//! assert!(bytes.starts_with(b"%PDF-"));
//! ```

#![deny(missing_docs)]

mod figure;
mod font;
mod layout;
mod png;
mod write;

/// A document to render.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Document title: the Info `/Title`, the XMP `dc:title`, and the title viewers show in the
    /// window (`DisplayDocTitle`). If empty, the first heading (or "Dokument") is used instead,
    /// because an accessible PDF needs a title.
    pub title: String,
    /// Natural language as a BCP 47 tag, e.g. `sv-SE`: the catalog `/Lang` and `dc:language`.
    /// If empty, `sv-SE` is used.
    pub lang: String,
    /// Author (Info `/Author`, XMP `dc:creator`).
    pub author: Option<String>,
    /// Subject (Info `/Subject`, XMP `dc:description`).
    pub subject: Option<String>,
    /// Running header drawn at the top of every page, e.g.
    /// `PROTOKOLL · Kommunalt forum · 2024-10-11`. It is a pagination artifact (not in the
    /// structure tree). Cut with an ellipsis if it does not fit on one line.
    pub header: Option<String>,
    /// Footer drawn at the bottom of every page; `{page}` and `{pages}` are replaced by the page
    /// number and the page count, e.g. `Sida {page} av {pages}`. A pagination artifact; empty
    /// means no footer.
    pub footer_page_label: String,
    /// The installation's logo as PNG bytes (8-bit grey, RGB or with alpha), drawn at the right
    /// of the running header on every page as a pagination artifact. A file the reader cannot
    /// decode is left out.
    pub logo: Option<Vec<u8>>,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
}

/// A block of content.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading, tagged `H1`–`H3`. Levels outside 1..=3 are clamped, and a heading is never
    /// more than one level deeper than the one before it (the first is at most `H1`), so the
    /// tags never skip a level. A heading is kept on the same page as the first line of what
    /// follows it.
    Heading {
        /// 1 to 3.
        level: u8,
        /// Heading text; `\n` starts a new line.
        text: String,
    },
    /// A paragraph, wrapped to the text width; `\n` starts a new line. Tagged `P`.
    Paragraph(String),
    /// A label (bold, left column) and its value (right column), e.g. "Tid och plats" and
    /// "Stadshuset, 2024-10-11 kl. 09.00–12.00". Tagged `P` with the label as a `Span`.
    Field {
        /// Label, drawn bold.
        label: String,
        /// Value; `\n` starts a new line.
        value: String,
    },
    /// A bulleted list, tagged `L` / `LI` / `Lbl` / `LBody`.
    List(Vec<String>),
    /// A table, tagged `Table` (with `Caption`, `THead`, `TBody`, `TR`, `TH` with
    /// `/Scope /Column`, and `TD`). Cell text wraps; the table breaks across pages between rows
    /// (or between lines of a row taller than a page), and the header row is repeated, as an
    /// artifact, at the top of each continuation page.
    Table {
        /// Caption drawn above the table, tagged `Caption`.
        caption: Option<String>,
        /// Header cells; empty means no header row.
        header: Vec<String>,
        /// Body rows. Rows shorter than the widest row are padded with empty cells.
        rows: Vec<Vec<String>>,
        /// Relative column widths (any positive numbers; they are normalised). If the count
        /// does not match the number of columns, or a width is not positive, the columns get
        /// equal widths.
        widths: Vec<f32>,
    },
    /// A signature block, two signatures side by side: role (bold), name and detail line per
    /// signature. Tagged as a `Div` holding one `Div` of three `P` per signature.
    Signatures(Vec<Signature>),
    /// A vector drawing (a chart), tagged `Figure` with its text alternative as `/Alt` and its
    /// place on the page as `/BBox`. Kept on one page; scaled down to the text width.
    Figure(Figure),
    /// Vertical space (about one line).
    Spacer,
    /// Continue on a new page (ignored at the top of a page).
    PageBreak,
}

/// One signature in a [`Block::Signatures`].
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    /// Role, e.g. "Ordförande" or "Justerare".
    pub role: String,
    /// Name of the person.
    pub name: String,
    /// Approval line, e.g. "Justerat digitalt 2024-10-18 14:02, SHA-256 3f2a…".
    pub detail: String,
}

/// A drawing of [`Block::Figure`]: its size and shapes in its own units, `y` down from the top
/// left as in SVG, so a chart laid out for the web draws the same here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figure {
    /// The text alternative (`/Alt`): what the drawing shows, for those who cannot see it. An
    /// accessible PDF needs one; an empty text is replaced by "Figur".
    pub alt: String,
    /// Width of the drawing in its units; drawn at one unit a point, smaller if it is wider
    /// than the text.
    pub width: f32,
    /// Height of the drawing in its units.
    pub height: f32,
    /// The shapes, drawn in order; anything outside `width` × `height` is clipped.
    pub shapes: Vec<Shape>,
}

/// One shape of a [`Figure`]; colours are RGB.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A stroked line through the points.
    Line {
        /// The points, in order.
        points: Vec<(f32, f32)>,
        /// Stroke width.
        width: f32,
        /// Colour.
        colour: [u8; 3],
        /// Dash pattern (dash and gap lengths); empty for a solid line.
        dash: Vec<f32>,
    },
    /// A filled polygon.
    Polygon {
        /// Its corners, in order.
        points: Vec<(f32, f32)>,
        /// Colour.
        colour: [u8; 3],
    },
    /// A filled disc.
    Disc {
        /// Its centre.
        centre: (f32, f32),
        /// Its radius.
        radius: f32,
        /// Colour.
        colour: [u8; 3],
    },
    /// A one-line label in the regular font, its baseline at `at`.
    Text {
        /// The anchor point on the baseline.
        at: (f32, f32),
        /// How the label sits on `at`.
        anchor: Anchor,
        /// Font size in the drawing's units.
        size: f32,
        /// Colour.
        colour: [u8; 3],
        /// The text.
        text: String,
    },
}

/// Where a [`Shape::Text`] sits on its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Starts at the point.
    Start,
    /// Centred on the point.
    Middle,
    /// Ends at the point.
    End,
}

/// Renders `doc` to the bytes of a PDF file.
///
/// Never panics on any input; text the fonts cannot draw is shown as a replacement glyph but
/// keeps its real characters for text extraction.
pub fn render(doc: &Document) -> Vec<u8> {
    let layout = layout::lay_out(doc);
    write::write(doc, &layout)
}
