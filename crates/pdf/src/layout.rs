//! Line breaking and page layout: turns blocks into positioned text runs and rules per page,
//! and builds the structure tree (which content belongs to which element) on the way.

use crate::font::Style;
use crate::{Block, Document, Figure, Signature};

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_LEFT: f32 = 64.0;
pub(crate) const MARGIN_RIGHT: f32 = 64.0;
/// The logo's largest size at the right of the running header, in points.
pub(crate) const LOGO_MAX_WIDTH: f32 = 120.0;
pub(crate) const LOGO_MAX_HEIGHT: f32 = 24.0;
/// Top of the body area (below the running header).
const BODY_TOP: f32 = PAGE_HEIGHT - 78.0;
/// Bottom of the body area (above the footer).
const BODY_BOTTOM: f32 = 66.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const BODY_HEIGHT: f32 = BODY_TOP - BODY_BOTTOM;

const BODY_SIZE: f32 = 10.5;
const BODY_LEADING: f32 = 14.5;
const PARAGRAPH_GAP: f32 = 6.0;
const TABLE_SIZE: f32 = 9.5;
const TABLE_LEADING: f32 = 12.5;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;
const DETAIL_SIZE: f32 = 8.5;
const DETAIL_LEADING: f32 = 11.5;
const HEADER_SIZE: f32 = 8.5;
/// Width of the label column of a [`Block::Field`].
const FIELD_LABEL_WIDTH: f32 = 130.0;
const FIELD_GAP: f32 = 12.0;
const LIST_INDENT: f32 = 16.0;
const SIGNATURE_GAP: f32 = 24.0;
/// Space left above a signature's rule for a handwritten signature.
const SIGNATURE_SPACE: f32 = 22.0;
/// Gray level of secondary text and light rules (0 is black).
const GRAY_TEXT: f32 = 0.3;
const GRAY_RULE: f32 = 0.6;

/// Standard structure types used by the renderer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Document,
    H1,
    H2,
    H3,
    P,
    Span,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    Caption,
    THead,
    TBody,
    TR,
    TH,
    TD,
    Div,
    Figure,
}

/// A child of a structure element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kid {
    /// Another element, by index in [`Layout::nodes`].
    Node(usize),
    /// A marked-content sequence on a page.
    Content { page: usize, mcid: i32 },
}

/// A structure element.
#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) role: Role,
    pub(crate) kids: Vec<Kid>,
    /// A figure's text alternative and its box on the page (left, bottom, right, top).
    pub(crate) figure: Option<(String, [f32; 4])>,
}

/// What kind of artifact a run or rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Artifact {
    Header,
    Footer,
    /// Rules, and table header rows repeated on continuation pages.
    Layout,
}

/// How a text run is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Real content: marked-content id on the page, and its structure element.
    Content {
        mcid: i32,
        node: usize,
    },
    Artifact(Artifact),
}

/// A line of text at a position (baseline start).
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) style: Style,
    pub(crate) size: f32,
    pub(crate) gray: f32,
    pub(crate) text: String,
    pub(crate) mark: Mark,
}

/// A straight line, always a layout artifact.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) from: (f32, f32),
    pub(crate) to: (f32, f32),
    pub(crate) width: f32,
    pub(crate) gray: f32,
}

/// A figure placed on a page: its drawing's top left corner, its scale (points per unit) and
/// its marked-content id.
#[derive(Debug)]
pub(crate) struct Placed {
    pub(crate) figure: Figure,
    pub(crate) left: f32,
    pub(crate) top: f32,
    pub(crate) scale: f32,
    pub(crate) mcid: i32,
}

/// One laid-out page.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub(crate) runs: Vec<Run>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) figures: Vec<Placed>,
    /// Structure element of each marked-content id on the page, indexed by MCID.
    pub(crate) mcid_nodes: Vec<usize>,
}

/// The result of the layout: pages and the structure tree (node 0 is the `Document` element).
#[derive(Debug)]
pub(crate) struct Layout {
    pub(crate) pages: Vec<Page>,
    pub(crate) nodes: Vec<Node>,
}

/// Lays out the whole document.
pub(crate) fn lay_out(doc: &Document) -> Layout {
    let mut l = Layouter {
        pages: vec![Page::default()],
        nodes: vec![Node { role: Role::Document, kids: Vec::new(), figure: None }],
        y: BODY_TOP,
        heading_level: 0,
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        l.block(block, doc.blocks.get(i + 1));
    }
    let mut layout = Layout { pages: l.pages, nodes: l.nodes };
    add_header_and_footer(doc, &mut layout);
    layout
}

/// Replaces characters that must not reach the PDF: control characters are dropped, tabs and
/// other breaking spaces become a space, and line and paragraph separators become `\n`.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' | '\u{000B}' | '\u{000C}' => out.push('\n'),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            // Non-breaking spaces stay as they are: they are drawn but never broken at.
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => out.push(c),
            // Byte order marks and non-characters: invisible, and not allowed in ToUnicode maps.
            '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Breaks `text` into lines no wider than `width` at `size` points, measuring with the glyph
/// advances of the font. `\n` starts a new line; runs of spaces collapse; a word wider than the
/// line is broken between characters. Empty or blank text gives no lines.
///
/// A line that ends where a space (or a `\n`) was keeps one trailing space: it is invisible and
/// not counted in the width, but text taken from the structure tree, which joins the lines of
/// an element, then keeps its words apart.
pub(crate) fn wrap(text: &str, style: Style, size: f32, width: f32) -> Vec<String> {
    let text = clean(text);
    if text.trim().is_empty() {
        return Vec::new();
    }
    let font = style.font();
    let space = font.width(" ", size);
    let mut lines = Vec::new();
    let mut hard_lines = text.split('\n').peekable();
    while let Some(hard_line) = hard_lines.next() {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in hard_line.split(' ').filter(|w| !w.is_empty()) {
            let word_width = font.width(word, size);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                line.push(' ');
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line.push_str(word);
                line_width = word_width;
                continue;
            }
            // Too long for any line: break between characters, at least one per line.
            line_width = 0.0;
            for c in word.chars() {
                let w = font.width(c.encode_utf8(&mut [0; 4]), size);
                if !line.is_empty() && line_width + w > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += w;
            }
        }
        if !line.is_empty() && hard_lines.peek().is_some() {
            line.push(' ');
        }
        lines.push(line);
    }
    lines
}

/// Cuts `text` to one line of at most `width`, ending in an ellipsis if anything was cut.
fn one_line(text: &str, style: Style, size: f32, width: f32) -> String {
    let lines = wrap(text, style, size, width);
    let Some(first) = lines.first() else { return String::new() };
    if lines.len() == 1 {
        return first.clone();
    }
    let font = style.font();
    let mut cut = first.clone();
    while !cut.is_empty() && font.width(&cut, size) + font.width("…", size) > width {
        cut.pop();
    }
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn add_header_and_footer(doc: &Document, layout: &mut Layout) {
    let pages = layout.pages.len();
    // A logo takes the right end of the header line.
    let width = if doc.logo.is_some() { TEXT_WIDTH - LOGO_MAX_WIDTH - 10.0 } else { TEXT_WIDTH };
    let header = doc.header.as_deref().map(|h| one_line(h, Style::Regular, HEADER_SIZE, width));
    for (i, page) in layout.pages.iter_mut().enumerate() {
        if let Some(header) = header.as_ref().filter(|h| !h.is_empty()) {
            page.runs.push(Run {
                x: MARGIN_LEFT,
                y: PAGE_HEIGHT - 44.0,
                style: Style::Regular,
                size: HEADER_SIZE,
                gray: GRAY_TEXT,
                text: header.clone(),
                mark: Mark::Artifact(Artifact::Header),
            });
            page.rules.push(Rule {
                from: (MARGIN_LEFT, PAGE_HEIGHT - 50.0),
                to: (PAGE_WIDTH - MARGIN_RIGHT, PAGE_HEIGHT - 50.0),
                width: 0.5,
                gray: GRAY_RULE,
            });
        }
        let label =
            doc.footer_page_label.replace("{page}", &(i + 1).to_string()).replace("{pages}", &pages.to_string());
        let footer = one_line(&label, Style::Regular, HEADER_SIZE, TEXT_WIDTH);
        if !footer.is_empty() {
            let width = Style::Regular.font().width(&footer, HEADER_SIZE);
            page.runs.push(Run {
                x: PAGE_WIDTH - MARGIN_RIGHT - width,
                y: 40.0,
                style: Style::Regular,
                size: HEADER_SIZE,
                gray: GRAY_TEXT,
                text: footer,
                mark: Mark::Artifact(Artifact::Footer),
            });
        }
    }
}

/// A table with its cells wrapped to their columns.
struct TableLayout {
    /// Left edge and width of each column.
    columns: Vec<(f32, f32)>,
    header: Option<Vec<Vec<String>>>,
    rows: Vec<Vec<Vec<String>>>,
}

impl TableLayout {
    fn new(header: &[String], rows: &[Vec<String>], widths: &[f32]) -> TableLayout {
        let count = rows.iter().map(Vec::len).max().unwrap_or(0).max(header.len());
        let valid = widths.len() == count && widths.iter().all(|w| w.is_finite() && *w > 0.0);
        let total: f32 = if valid { widths.iter().sum() } else { count as f32 };
        let mut x = MARGIN_LEFT;
        let mut columns = Vec::with_capacity(count);
        let shares: Vec<f32> = if valid && total.is_finite() && total > 0.0 {
            widths.iter().map(|w| w / total).collect()
        } else {
            vec![1.0 / count as f32; count]
        };
        for share in shares {
            let w = share * TEXT_WIDTH;
            columns.push((x, w));
            x += w;
        }
        let wrap_row = |cells: &[String], style: Style| -> Vec<Vec<String>> {
            columns
                .iter()
                .enumerate()
                .map(|(i, (_, w))| {
                    let text = cells.get(i).map(String::as_str).unwrap_or("");
                    wrap(text, style, TABLE_SIZE, (w - 2.0 * CELL_PAD_X).max(1.0))
                })
                .collect()
        };
        let header = (!header.is_empty() && count > 0).then(|| wrap_row(header, Style::Bold));
        let rows = if count == 0 { Vec::new() } else { rows.iter().map(|r| wrap_row(r, Style::Regular)).collect() };
        TableLayout { columns, header, rows }
    }

    fn row_height(cells: &[Vec<String>]) -> f32 {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        lines as f32 * TABLE_LEADING + 2.0 * CELL_PAD_Y
    }

    fn header_height(&self) -> f32 {
        self.header.as_deref().map_or(0.0, Self::row_height)
    }
}

struct Layouter {
    pages: Vec<Page>,
    nodes: Vec<Node>,
    /// Top of the free space on the current page.
    y: f32,
    /// Level of the last heading (0 before the first).
    heading_level: u8,
}

impl Layouter {
    fn page(&mut self) -> &mut Page {
        // There is always at least one page.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn at_top(&self) -> bool {
        self.y >= BODY_TOP
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = BODY_TOP;
    }

    /// Starts a new page unless `height` fits below the cursor (or the page is still empty).
    fn ensure(&mut self, height: f32) {
        if self.y - height < BODY_BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    fn gap(&mut self, height: f32) {
        if !self.at_top() {
            self.y -= height;
        }
    }

    fn node(&mut self, role: Role, parent: usize) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node { role, kids: Vec::new(), figure: None });
        self.nodes[parent].kids.push(Kid::Node(id));
        id
    }

    /// Places a run of real content belonging to `node` with its baseline at `y`.
    #[allow(clippy::too_many_arguments)]
    fn content(&mut self, node: usize, x: f32, y: f32, style: Style, size: f32, gray: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        let page_index = self.pages.len() - 1;
        let page = self.page();
        let mcid = page.mcid_nodes.len() as i32;
        page.mcid_nodes.push(node);
        page.runs.push(Run { x, y, style, size, gray, text: text.to_owned(), mark: Mark::Content { mcid, node } });
        self.nodes[node].kids.push(Kid::Content { page: page_index, mcid });
    }

    fn artifact(&mut self, x: f32, y: f32, style: Style, size: f32, text: &str) {
        if !text.is_empty() {
            let mark = Mark::Artifact(Artifact::Layout);
            self.page().runs.push(Run { x, y, style, size, gray: 0.0, text: text.to_owned(), mark });
        }
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, gray: f32) {
        self.page().rules.push(Rule { from: (x1, y), to: (x2, y), width, gray });
    }

    /// Baseline of a line whose box starts at `top` with the given size and leading.
    fn baseline(top: f32, size: f32, leading: f32) -> f32 {
        top - (leading - size) / 2.0 - size * 0.8
    }

    /// Lays out lines of one element in the full text width, breaking pages between lines.
    fn lines(&mut self, node: usize, x: f32, lines: &[String], style: Style, size: f32, leading: f32) {
        for line in lines {
            self.ensure(leading);
            let y = Self::baseline(self.y, size, leading);
            self.content(node, x, y, style, size, 0.0, line);
            self.y -= leading;
        }
    }

    fn heading_style(level: u8) -> (f32, f32, f32) {
        // size, leading, space before
        match level {
            1 => (17.0, 21.0, 14.0),
            2 => (13.5, 17.5, 12.0),
            _ => (11.5, 15.0, 10.0),
        }
    }

    /// Height of the first line (or row) of a block, to keep a heading with it.
    fn first_height(block: Option<&Block>) -> f32 {
        match block {
            None | Some(Block::Spacer | Block::PageBreak) => 0.0,
            Some(Block::Heading { level, .. }) => {
                let (_, leading, before) = Self::heading_style(*level);
                leading + before
            }
            Some(Block::Paragraph(_) | Block::Field { .. } | Block::List(_)) => BODY_LEADING,
            Some(Block::Table { caption, header, rows, widths }) => {
                let table = TableLayout::new(header, rows.get(..1).unwrap_or(&[]), widths);
                let caption = if caption.is_some() { BODY_LEADING + 2.0 } else { 0.0 };
                caption + table.header_height() + table.rows.first().map_or(0.0, |r| TableLayout::row_height(r))
            }
            Some(Block::Signatures(signatures)) => {
                signatures.get(..signatures.len().min(2)).map_or(0.0, Self::signature_row_height)
            }
            Some(Block::Figure(f)) => Self::figure_size(f).2,
        }
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text, next),
            Block::Paragraph(text) => {
                let node = self.node(Role::P, 0);
                let lines = wrap(text, Style::Regular, BODY_SIZE, TEXT_WIDTH);
                self.lines(node, MARGIN_LEFT, &lines, Style::Regular, BODY_SIZE, BODY_LEADING);
                self.gap(PARAGRAPH_GAP);
            }
            Block::Field { label, value } => self.field(label, value),
            Block::List(items) => self.list(items),
            Block::Table { caption, header, rows, widths } => self.table(caption.as_deref(), header, rows, widths),
            Block::Signatures(signatures) => self.signatures(signatures),
            Block::Figure(figure) => self.figure(figure),
            Block::Spacer => self.gap(BODY_LEADING),
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str, next: Option<&Block>) {
        let level = level.clamp(1, 3).min(self.heading_level + 1);
        let (size, leading, before) = Self::heading_style(level);
        let lines = wrap(text, Style::Bold, size, TEXT_WIDTH);
        if lines.is_empty() {
            // An empty heading is left out, and does not count for the levels.
            return;
        }
        self.heading_level = level;
        let role = match level {
            1 => Role::H1,
            2 => Role::H2,
            _ => Role::H3,
        };
        let node = self.node(role, 0);
        let height = before + lines.len() as f32 * leading + 4.0 + Self::first_height(next);
        if height <= BODY_HEIGHT {
            self.ensure(height);
        }
        self.gap(before);
        self.lines(node, MARGIN_LEFT, &lines, Style::Bold, size, leading);
        self.gap(4.0);
    }

    fn field(&mut self, label: &str, value: &str) {
        let p = self.node(Role::P, 0);
        let span = self.node(Role::Span, p);
        let label_lines = wrap(label, Style::Bold, BODY_SIZE, FIELD_LABEL_WIDTH);
        let value_x = MARGIN_LEFT + FIELD_LABEL_WIDTH + FIELD_GAP;
        let value_lines = wrap(value, Style::Regular, BODY_SIZE, TEXT_WIDTH - FIELD_LABEL_WIDTH - FIELD_GAP);
        for i in 0..label_lines.len().max(value_lines.len()) {
            self.ensure(BODY_LEADING);
            let y = Self::baseline(self.y, BODY_SIZE, BODY_LEADING);
            if let Some(line) = label_lines.get(i) {
                self.content(span, MARGIN_LEFT, y, Style::Bold, BODY_SIZE, 0.0, line);
            }
            if let Some(line) = value_lines.get(i) {
                self.content(p, value_x, y, Style::Regular, BODY_SIZE, 0.0, line);
            }
            self.y -= BODY_LEADING;
        }
        self.gap(PARAGRAPH_GAP / 2.0);
    }

    fn list(&mut self, items: &[String]) {
        let list = self.node(Role::L, 0);
        for item in items {
            let lines = wrap(item, Style::Regular, BODY_SIZE, TEXT_WIDTH - LIST_INDENT);
            let li = self.node(Role::LI, list);
            let label = self.node(Role::Lbl, li);
            let body = self.node(Role::LBody, li);
            self.ensure(BODY_LEADING);
            let y = Self::baseline(self.y, BODY_SIZE, BODY_LEADING);
            self.content(label, MARGIN_LEFT + 4.0, y, Style::Regular, BODY_SIZE, 0.0, "•");
            if lines.is_empty() {
                self.y -= BODY_LEADING;
            }
            self.lines(body, MARGIN_LEFT + LIST_INDENT, &lines, Style::Regular, BODY_SIZE, BODY_LEADING);
            self.y -= 2.0;
        }
        self.gap(PARAGRAPH_GAP);
    }

    fn table(&mut self, caption: Option<&str>, header: &[String], rows: &[Vec<String>], widths: &[f32]) {
        let layout = TableLayout::new(header, rows, widths);
        let table = self.node(Role::Table, 0);
        let caption_lines = caption.map(|c| wrap(c, Style::Bold, BODY_SIZE, TEXT_WIDTH)).unwrap_or_default();
        // Keep the caption, the header row and the first row together.
        let first_row = layout.rows.first().map_or(0.0, |r| TableLayout::row_height(r));
        let start = caption_lines.len() as f32 * BODY_LEADING + 2.0 + layout.header_height() + first_row;
        if start <= BODY_HEIGHT {
            self.ensure(start);
        }
        if !caption_lines.is_empty() {
            let node = self.node(Role::Caption, table);
            self.lines(node, MARGIN_LEFT, &caption_lines, Style::Bold, BODY_SIZE, BODY_LEADING);
            self.y -= 2.0;
        }
        if layout.columns.is_empty() {
            self.gap(PARAGRAPH_GAP);
            return;
        }
        let right = MARGIN_LEFT + TEXT_WIDTH;
        if let Some(cells) = &layout.header {
            let head = self.node(Role::THead, table);
            let tr = self.node(Role::TR, head);
            let nodes: Vec<usize> = (0..cells.len()).map(|_| self.node(Role::TH, tr)).collect();
            self.rule(MARGIN_LEFT, right, self.y, 0.8, 0.0);
            self.row(&layout, cells, Style::Bold, Some(&nodes));
            self.rule(MARGIN_LEFT, right, self.y, 0.8, 0.0);
        }
        let body = if layout.rows.is_empty() { None } else { Some(self.node(Role::TBody, table)) };
        for cells in &layout.rows {
            let Some(body) = body else { break };
            let tr = self.node(Role::TR, body);
            let nodes: Vec<usize> = (0..cells.len()).map(|_| self.node(Role::TD, tr)).collect();
            self.body_row(&layout, cells, &nodes);
            self.rule(MARGIN_LEFT, right, self.y, 0.3, GRAY_RULE);
        }
        self.gap(PARAGRAPH_GAP * 1.5);
    }

    /// Draws a body row, breaking the page before it (or, if it is taller than a page, between
    /// its lines) and repeating the header row after each break.
    fn body_row(&mut self, layout: &TableLayout, cells: &[Vec<String>], nodes: &[usize]) {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let height = TableLayout::row_height(cells);
        let fits_a_page = height + layout.header_height() <= BODY_HEIGHT;
        if self.y - height < BODY_BOTTOM && fits_a_page && !self.at_top() {
            self.continuation_page(layout);
        }
        let mut start = 0;
        while start < lines {
            let room = ((self.y - BODY_BOTTOM - 2.0 * CELL_PAD_Y) / TABLE_LEADING).floor();
            let count = if room < 1.0 { 0 } else { (room as usize).min(lines - start) };
            if count == 0 {
                self.continuation_page(layout);
                if self.y - BODY_BOTTOM < 2.0 * CELL_PAD_Y + TABLE_LEADING {
                    // Cannot happen on a fresh page; guards the loop anyway.
                    break;
                }
                continue;
            }
            let slice: Vec<Vec<String>> =
                cells.iter().map(|c| c.get(start..(start + count).min(c.len())).unwrap_or(&[]).to_vec()).collect();
            self.row(layout, &slice, Style::Regular, Some(nodes));
            start += count;
        }
    }

    /// A new page that continues a table: the header row again, as an artifact.
    fn continuation_page(&mut self, layout: &TableLayout) {
        self.new_page();
        if let Some(cells) = &layout.header {
            let right = MARGIN_LEFT + TEXT_WIDTH;
            self.rule(MARGIN_LEFT, right, self.y, 0.8, 0.0);
            self.row(layout, cells, Style::Bold, None);
            self.rule(MARGIN_LEFT, right, self.y, 0.8, 0.0);
        }
    }

    /// Draws one row (or slice of a row) at the cursor; `nodes` are the cell elements, or `None`
    /// for a repeated header (an artifact).
    fn row(&mut self, layout: &TableLayout, cells: &[Vec<String>], style: Style, nodes: Option<&[usize]>) {
        let top = self.y - CELL_PAD_Y;
        for (i, lines) in cells.iter().enumerate() {
            let x = layout.columns.get(i).map_or(MARGIN_LEFT, |c| c.0) + CELL_PAD_X;
            for (j, line) in lines.iter().enumerate() {
                let y = Self::baseline(top - j as f32 * TABLE_LEADING, TABLE_SIZE, TABLE_LEADING);
                match nodes.and_then(|n| n.get(i)) {
                    Some(&node) => self.content(node, x, y, style, TABLE_SIZE, 0.0, line),
                    None => self.artifact(x, y, style, TABLE_SIZE, line),
                }
            }
        }
        self.y -= TableLayout::row_height(cells);
    }

    /// A figure's scale (points per unit, at most 1, so it fits the text width and a page), and
    /// its width and height in points. A drawing without a positive size takes no room.
    fn figure_size(f: &Figure) -> (f32, f32, f32) {
        let (w, h) = (f.width, f.height);
        if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
            return (0.0, 0.0, 0.0);
        }
        let scale = 1f32.min(TEXT_WIDTH / w).min(BODY_HEIGHT / h);
        (scale, w * scale, h * scale)
    }

    /// A figure on one page, tagged `Figure` with its text alternative and box.
    fn figure(&mut self, figure: &Figure) {
        let (scale, width, height) = Self::figure_size(figure);
        if height <= 0.0 {
            return;
        }
        self.ensure(height);
        let node = self.node(Role::Figure, 0);
        let alt = clean(&figure.alt).replace('\n', " ").trim().to_owned();
        let alt = if alt.is_empty() { "Figur".to_owned() } else { alt };
        let (left, top) = (MARGIN_LEFT, self.y);
        self.nodes[node].figure = Some((alt, [left, top - height, left + width, top]));
        let page_index = self.pages.len() - 1;
        let page = self.page();
        let mcid = page.mcid_nodes.len() as i32;
        page.mcid_nodes.push(node);
        page.figures.push(Placed { figure: figure.clone(), left, top, scale, mcid });
        self.nodes[node].kids.push(Kid::Content { page: page_index, mcid });
        self.y -= height;
        self.gap(PARAGRAPH_GAP * 1.5);
    }

    fn signature_width() -> f32 {
        (TEXT_WIDTH - SIGNATURE_GAP) / 2.0
    }

    fn signature_lines(s: &Signature) -> [Vec<String>; 3] {
        let w = Self::signature_width();
        [
            wrap(&s.role, Style::Bold, BODY_SIZE, w),
            wrap(&s.name, Style::Regular, BODY_SIZE, w),
            wrap(&s.detail, Style::Regular, DETAIL_SIZE, w),
        ]
    }

    fn signature_height(s: &Signature) -> f32 {
        let [role, name, detail] = Self::signature_lines(s);
        SIGNATURE_SPACE
            + 4.0
            + (role.len() + name.len()) as f32 * BODY_LEADING
            + detail.len() as f32 * DETAIL_LEADING
            + PARAGRAPH_GAP * 2.0
    }

    fn signature_row_height(row: &[Signature]) -> f32 {
        row.iter().map(Self::signature_height).fold(0.0, f32::max)
    }

    fn signatures(&mut self, signatures: &[Signature]) {
        if signatures.is_empty() {
            return;
        }
        let div = self.node(Role::Div, 0);
        for row in signatures.chunks(2) {
            let height = Self::signature_row_height(row);
            if height <= BODY_HEIGHT {
                self.ensure(height);
            }
            let top = self.y;
            let mut bottom = top;
            for (i, s) in row.iter().enumerate() {
                self.y = top;
                let x = MARGIN_LEFT + i as f32 * (Self::signature_width() + SIGNATURE_GAP);
                self.signature(div, x, s);
                bottom = bottom.min(self.y);
            }
            self.y = bottom - PARAGRAPH_GAP * 2.0;
        }
    }

    fn signature(&mut self, div: usize, x: f32, s: &Signature) {
        let node = self.node(Role::Div, div);
        let [role, name, detail] = Self::signature_lines(s);
        self.y -= SIGNATURE_SPACE;
        self.rule(x, x + Self::signature_width(), self.y, 0.5, 0.0);
        self.y -= 4.0;
        let parts =
            [(role, Style::Bold, BODY_SIZE, BODY_LEADING, 0.0), (name, Style::Regular, BODY_SIZE, BODY_LEADING, 0.0)];
        for (lines, style, size, leading, gray) in
            parts.into_iter().chain([(detail, Style::Regular, DETAIL_SIZE, DETAIL_LEADING, GRAY_TEXT)])
        {
            if lines.is_empty() {
                continue;
            }
            let p = self.node(Role::P, node);
            for line in &lines {
                // A signature taller than a page still breaks between lines.
                if self.y - leading < BODY_BOTTOM && !self.at_top() {
                    self.new_page();
                }
                let y = Self::baseline(self.y, size, leading);
                self.content(p, x, y, style, size, gray, line);
                self.y -= leading;
            }
        }
    }
}

#[cfg(test)]
mod tests;
