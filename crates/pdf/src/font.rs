//! The two fonts shipped in `fonts/`, parsed once per process.

use std::sync::LazyLock;

use ttf_parser::{Face, GlyphId};

/// Characters below this code point have their glyph and advance in a table.
const TABLE_SIZE: usize = 0x800;

/// Which of the two shipped fonts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    Regular,
    Bold,
}

impl Style {
    /// Both styles, in the order their PDF resources are numbered.
    pub(crate) const ALL: [Style; 2] = [Style::Regular, Style::Bold];

    pub(crate) fn font(self) -> &'static Font {
        match self {
            Style::Regular => &REGULAR,
            Style::Bold => &BOLD,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Style::Regular => 0,
            Style::Bold => 1,
        }
    }
}

static REGULAR: LazyLock<Font> =
    LazyLock::new(|| Font::load(include_bytes!("../fonts/DejaVuSans.ttf"), "DejaVuSans", false));
static BOLD: LazyLock<Font> =
    LazyLock::new(|| Font::load(include_bytes!("../fonts/DejaVuSans-Bold.ttf"), "DejaVuSans-Bold", true));

/// A parsed font with the metrics the layout and the PDF font dictionaries need.
pub(crate) struct Font {
    pub(crate) data: &'static [u8],
    pub(crate) postscript_name: &'static str,
    pub(crate) bold: bool,
    face: Face<'static>,
    units_per_em: f32,
    /// Glyph id and advance (font units) for the characters below [`TABLE_SIZE`]; `None` if the
    /// font has no glyph.
    table: Vec<Option<(u16, u16)>>,
    /// Glyph and advance drawn for characters the font lacks: U+FFFD, else `?`. Never `.notdef`,
    /// which PDF/UA forbids showing.
    fallback: (u16, u16),
}

impl Font {
    fn load(data: &'static [u8], postscript_name: &'static str, bold: bool) -> Font {
        // The fonts are compiled in and covered by tests; failing to parse them is a build error.
        let face = Face::parse(data, 0).expect("the shipped DejaVu font parses");
        let lookup = |c: char| {
            let gid = face.glyph_index(c).filter(|g| g.0 != 0)?;
            Some((gid.0, face.glyph_hor_advance(gid).unwrap_or(0)))
        };
        let table = (0..TABLE_SIZE as u32).map(|u| char::from_u32(u).and_then(lookup)).collect();
        let fallback = lookup('\u{FFFD}').or_else(|| lookup('?')).unwrap_or((0, 0));
        let units_per_em = f32::from(face.units_per_em().max(1));
        Font { data, postscript_name, bold, face, units_per_em, table, fallback }
    }

    /// The glyph drawn for `c` and its advance in font units. Characters the font lacks get the
    /// fallback glyph.
    pub(crate) fn glyph(&self, c: char) -> (u16, u16) {
        let u = c as usize;
        if u < TABLE_SIZE {
            return self.table[u].unwrap_or(self.fallback);
        }
        match self.face.glyph_index(c).filter(|g| g.0 != 0) {
            Some(gid) => (gid.0, self.face.glyph_hor_advance(gid).unwrap_or(0)),
            None => self.fallback,
        }
    }

    /// Whether the font has a glyph of its own for `c`.
    #[cfg(test)]
    pub(crate) fn has_glyph(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// Converts font units to thousandths of the font size (PDF glyph space).
    pub(crate) fn to_pdf_units(&self, units: f32) -> f32 {
        units * 1000.0 / self.units_per_em
    }

    /// Advance of a glyph in thousandths of the font size.
    pub(crate) fn advance_pdf(&self, gid: u16) -> f32 {
        self.to_pdf_units(f32::from(self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0)))
    }

    /// Width of `text` at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.glyph(c).1)).sum();
        units as f32 * size / self.units_per_em
    }

    pub(crate) fn ascender(&self) -> f32 {
        self.to_pdf_units(f32::from(self.face.ascender()))
    }

    pub(crate) fn descender(&self) -> f32 {
        self.to_pdf_units(f32::from(self.face.descender()))
    }

    pub(crate) fn cap_height(&self) -> f32 {
        self.to_pdf_units(f32::from(self.face.capital_height().unwrap_or(self.face.ascender())))
    }

    /// Bounding box of all glyphs in thousandths of the font size.
    pub(crate) fn bbox(&self) -> [f32; 4] {
        let b = self.face.global_bounding_box();
        [
            self.to_pdf_units(f32::from(b.x_min)),
            self.to_pdf_units(f32::from(b.y_min)),
            self.to_pdf_units(f32::from(b.x_max)),
            self.to_pdf_units(f32::from(b.y_max)),
        ]
    }
}
