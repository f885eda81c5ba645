//! Writes a [`Layout`] as PDF objects: pages and content streams, subset CID fonts with
//! ToUnicode maps, the structure tree with its parent tree, and the metadata.

use std::collections::HashMap;

use pdf_writer::types::{
    ArtifactSubtype, ArtifactType, CidFontType, FontFlags, ListNumbering, StructRole, SystemInfo, TabOrder,
    TableHeaderScope, UnicodeCmap,
};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str, TextStr};

use crate::font::Style;
use crate::layout::{
    Artifact, Kid, LOGO_MAX_HEIGHT, LOGO_MAX_WIDTH, Layout, MARGIN_RIGHT, Mark, PAGE_HEIGHT, PAGE_WIDTH, Role,
};
use crate::{Block, Document};

/// Glyphs used in one font: each distinct character gets its own CID (from 1), so that every
/// CID maps back to exactly one character even when several characters share a glyph (such as
/// the replacement glyph drawn for characters the font lacks).
#[derive(Default)]
struct FontUse {
    cids: HashMap<char, u16>,
    /// Character and original glyph id of CID `i + 1`.
    chars: Vec<(char, u16)>,
}

impl FontUse {
    /// CIDs are two bytes: all but the last go to characters in order of appearance, and the
    /// last is kept for U+FFFD, which stands for every character beyond.
    const MAX_CID: usize = u16::MAX as usize - 1;

    fn cid(&mut self, style: Style, c: char) -> u16 {
        if let Some(&cid) = self.cids.get(&c) {
            return cid;
        }
        if self.chars.len() >= Self::MAX_CID && c != '\u{FFFD}' {
            return self.cid(style, '\u{FFFD}');
        }
        self.chars.push((c, style.font().glyph(c).0));
        let cid = self.chars.len() as u16;
        self.cids.insert(c, cid);
        cid
    }

    fn encode(&mut self, style: Style, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            out.extend_from_slice(&self.cid(style, c).to_be_bytes());
        }
        out
    }
}

fn role(role: Role) -> StructRole {
    match role {
        Role::Document => StructRole::Document,
        Role::H1 => StructRole::H1,
        Role::H2 => StructRole::H2,
        Role::H3 => StructRole::H3,
        Role::P => StructRole::P,
        Role::Span => StructRole::Span,
        Role::L => StructRole::L,
        Role::LI => StructRole::LI,
        Role::Lbl => StructRole::Lbl,
        Role::LBody => StructRole::LBody,
        Role::Table => StructRole::Table,
        Role::Caption => StructRole::Caption,
        Role::THead => StructRole::THead,
        Role::TBody => StructRole::TBody,
        Role::TR => StructRole::TR,
        Role::TH => StructRole::TH,
        Role::TD => StructRole::TD,
        Role::Div => StructRole::Div,
        Role::Figure => StructRole::Figure,
    }
}

/// Sequential object numbers.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// FNV-1a, for the deterministic file identifier and subset tags.
fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3))
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The title used everywhere: the document's, else the first heading's, else "Dokument".
fn title(doc: &Document) -> String {
    let own = crate::layout::clean(&doc.title).replace('\n', " ");
    if !own.trim().is_empty() {
        return own.trim().to_owned();
    }
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { text, .. } if !text.trim().is_empty() => {
                Some(crate::layout::clean(text).replace('\n', " ").trim().to_owned())
            }
            _ => None,
        })
        .unwrap_or_else(|| "Dokument".to_owned())
}

fn lang(doc: &Document) -> String {
    let lang: String = doc.lang.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    if lang.is_empty() { "sv-SE".to_owned() } else { lang }
}

/// The logo as an image XObject (its alpha as a soft mask), both compressed.
fn write_logo(pdf: &mut Pdf, refs: &mut Refs, p: &crate::png::Pixels) -> Ref {
    let image = refs.next();
    let mask = p.alpha.as_ref().map(|alpha| {
        let r = refs.next();
        let data = deflate(alpha);
        let mut x = pdf.image_xobject(r, &data);
        x.filter(Filter::FlateDecode);
        x.width(p.width as i32).height(p.height as i32).bits_per_component(8);
        x.color_space().device_gray();
        r
    });
    let data = deflate(&p.colour);
    let mut x = pdf.image_xobject(image, &data);
    x.filter(Filter::FlateDecode);
    x.width(p.width as i32).height(p.height as i32).bits_per_component(8);
    if p.channels == 3 {
        x.color_space().device_rgb();
    } else {
        x.color_space().device_gray();
    }
    if let Some(m) = mask {
        x.s_mask(m);
    }
    image
}

pub(crate) fn write(doc: &Document, layout: &Layout) -> Vec<u8> {
    let mut refs = Refs(0);
    let catalog_ref = refs.next();
    let page_tree_ref = refs.next();
    let struct_root_ref = refs.next();
    let info_ref = refs.next();
    let metadata_ref = refs.next();
    let page_refs: Vec<(Ref, Ref)> = layout.pages.iter().map(|_| (refs.next(), refs.next())).collect();
    let node_refs: Vec<Ref> = layout.nodes.iter().map(|_| refs.next()).collect();

    let mut pdf = Pdf::with_settings(Settings { pretty: false });
    let mut fonts = [FontUse::default(), FontUse::default()];
    let font_names = [Name(b"F1"), Name(b"F2")];

    let logo = doc.logo.as_deref().and_then(crate::png::decode);
    // Its place at the right of the header: at most LOGO_MAX_WIDTH wide and LOGO_MAX_HEIGHT high.
    let logo_box = logo.as_ref().map(|p| {
        let ratio = p.width as f32 / p.height as f32;
        let h = LOGO_MAX_HEIGHT.min(LOGO_MAX_WIDTH / ratio);
        let w = h * ratio;
        [w, 0.0, 0.0, h, PAGE_WIDTH - MARGIN_RIGHT - w, PAGE_HEIGHT - 48.0]
    });

    // Content streams.
    let mut streams = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        let mut content = Content::new();
        if let Some(matrix) = logo_box {
            content
                .begin_marked_content_with_properties(Name(b"Artifact"))
                .properties()
                .artifact()
                .kind(ArtifactType::Pagination)
                .subtype(ArtifactSubtype::Header);
            content.save_state();
            content.transform(matrix);
            content.x_object(Name(b"Logo"));
            content.restore_state();
            content.end_marked_content();
        }
        if !page.rules.is_empty() {
            content
                .begin_marked_content_with_properties(Name(b"Artifact"))
                .properties()
                .artifact()
                .kind(ArtifactType::Layout);
            content.save_state();
            for rule in &page.rules {
                content.set_line_width(rule.width).set_stroke_gray(rule.gray);
                content.move_to(rule.from.0, rule.from.1).line_to(rule.to.0, rule.to.1).stroke();
            }
            content.restore_state();
            content.end_marked_content();
        }
        for placed in &page.figures {
            let style = Style::Regular;
            let used = &mut fonts[style.index()];
            crate::figure::draw(&mut content, placed, font_names[style.index()], &mut |t: &str| used.encode(style, t));
        }
        content.begin_text();
        let mut current: Option<(Style, f32)> = None;
        let mut gray = 0.0;
        for run in &page.runs {
            match run.mark {
                Mark::Content { mcid, node } => {
                    let name = role(layout.nodes[node].role).to_name();
                    content.begin_marked_content_with_properties(name).properties().identify(mcid);
                }
                Mark::Artifact(kind) => {
                    let mut props = content.begin_marked_content_with_properties(Name(b"Artifact"));
                    let mut artifact = props.properties().artifact();
                    match kind {
                        Artifact::Header => {
                            artifact.kind(ArtifactType::Pagination).subtype(ArtifactSubtype::Header);
                        }
                        Artifact::Footer => {
                            artifact.kind(ArtifactType::Pagination).subtype(ArtifactSubtype::Footer);
                        }
                        Artifact::Layout => {
                            artifact.kind(ArtifactType::Pagination);
                        }
                    }
                }
            }
            if current != Some((run.style, run.size)) {
                content.set_font(font_names[run.style.index()], run.size);
                current = Some((run.style, run.size));
            }
            if gray != run.gray {
                content.set_fill_gray(run.gray);
                gray = run.gray;
            }
            content.set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x, run.y]);
            let encoded = fonts[run.style.index()].encode(run.style, &run.text);
            content.show(Str(&encoded));
            content.end_marked_content();
        }
        content.end_text();
        streams.push(deflate(content.finish().as_slice()));
    }

    // Deterministic file identifier from everything that was drawn.
    let mut id = [FNV_OFFSET, FNV_OFFSET ^ 0x5bd1_e995];
    for stream in &streams {
        id[0] = fnv(id[0], stream.as_slice());
        id[1] = fnv(id[1], stream.as_slice());
    }
    for used in &fonts {
        for (c, _) in &used.chars {
            id[0] = fnv(id[0], c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    let file_id: Vec<u8> = id.iter().flat_map(|h| h.to_be_bytes()).collect();
    pdf.set_file_id((file_id.clone(), file_id));

    // Fonts.
    let mut font_refs: [Option<Ref>; 2] = [None, None];
    for style in Style::ALL {
        let used = &fonts[style.index()];
        if used.chars.is_empty() {
            continue;
        }
        let type0 = refs.next();
        font_refs[style.index()] = Some(type0);
        write_font(&mut pdf, &mut refs, type0, style, used);
    }

    let logo_ref = logo.as_ref().map(|p| write_logo(&mut pdf, &mut refs, p));

    for (i, (page_ref, content_ref)) in page_refs.iter().enumerate() {
        let mut writer = pdf.page(*page_ref);
        writer
            .parent(page_tree_ref)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(*content_ref)
            .struct_parents(i as i32)
            .tab_order(TabOrder::StructureOrder);
        let mut resources = writer.resources();
        let mut font_dict = resources.fonts();
        for style in Style::ALL {
            if let Some(r) = font_refs[style.index()] {
                font_dict.pair(font_names[style.index()], r);
            }
        }
        font_dict.finish();
        if let Some(r) = logo_ref {
            resources.x_objects().pair(Name(b"Logo"), r);
        }
        resources.finish();
        writer.finish();
        pdf.stream(*content_ref, &streams[i]).filter(Filter::FlateDecode);
    }
    pdf.pages(page_tree_ref).kids(page_refs.iter().map(|(p, _)| *p)).count(layout.pages.len() as i32);

    // Structure tree. Elements without content are left out, except table rows and cells,
    // which keep the grid regular (empty cells are real cells).
    let has_content = content_flags(layout);
    let mut kept = vec![false; layout.nodes.len()];
    mark_kept(layout, &has_content, 0, true, &mut kept);
    kept[0] = true;
    let parents = parents(layout);
    for (i, node) in layout.nodes.iter().enumerate() {
        if !kept[i] {
            continue;
        }
        let mut element = pdf.struct_element(node_refs[i]);
        element.kind(role(node.role));
        element.parent(if i == 0 { struct_root_ref } else { node_refs[parents[i]] });
        let first_page = node.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            Kid::Node(_) => None,
        });
        if let Some(page) = first_page {
            element.page(page_refs[page].0);
        }
        match node.role {
            Role::TH => {
                element.attributes().push().table().scope(TableHeaderScope::Column);
            }
            Role::L => {
                element.attributes().push().list().list_numbering(ListNumbering::Disc);
            }
            _ => {}
        }
        if let Some((alt, [left, bottom, right, top])) = &node.figure {
            element.alt(TextStr(alt));
            element.attributes().push().layout().bbox(Rect::new(*left, *bottom, *right, *top));
        }
        let mut children = element.children();
        for kid in &node.kids {
            match *kid {
                Kid::Node(child) if kept[child] => {
                    children.struct_element(node_refs[child]);
                }
                Kid::Node(_) => {}
                Kid::Content { page, mcid } if Some(page) == first_page => {
                    children.marked_content_id(mcid);
                }
                Kid::Content { page, mcid } => {
                    children.marked_content_ref().page(page_refs[page].0).marked_content_id(mcid);
                }
            }
        }
    }

    // Parent tree: for each page, the element of each MCID.
    let parent_arrays: Vec<Ref> = layout.pages.iter().map(|_| refs.next()).collect();
    for (page, array_ref) in layout.pages.iter().zip(&parent_arrays) {
        pdf.indirect(*array_ref).array().items(page.mcid_nodes.iter().map(|n| node_refs[*n]));
    }
    let mut root = pdf.indirect(struct_root_ref).start::<StructTreeRoot>();
    root.child(node_refs[0]);
    let mut tree = root.parent_tree();
    let mut nums = tree.nums();
    for (i, array_ref) in parent_arrays.iter().enumerate() {
        nums.insert(i as i32, *array_ref);
    }
    nums.finish();
    tree.finish();
    root.parent_tree_next_key(layout.pages.len() as i32);
    root.finish();

    // Metadata.
    let title = title(doc);
    let lang = lang(doc);
    let xmp = xmp(&title, &lang, doc.author.as_deref(), doc.subject.as_deref());
    pdf.metadata(metadata_ref, xmp.as_bytes());
    let mut info = pdf.document_info(info_ref);
    info.title(TextStr(&title)).producer(TextStr(PRODUCER));
    if let Some(author) = &doc.author {
        info.author(TextStr(author));
    }
    if let Some(subject) = &doc.subject {
        info.subject(TextStr(subject));
    }
    info.finish();

    let mut catalog = pdf.catalog(catalog_ref);
    catalog.pages(page_tree_ref).pair(Name(b"StructTreeRoot"), struct_root_ref);
    catalog.mark_info().marked(true);
    catalog.lang(TextStr(&lang)).metadata(metadata_ref);
    catalog.viewer_preferences().display_doc_title(true);
    catalog.finish();

    pdf.finish()
}

const PRODUCER: &str = "Samverkan (pdf-writer)";

fn content_flags(layout: &Layout) -> Vec<bool> {
    // Children always come after their parents, so one backward pass suffices.
    let mut flags = vec![false; layout.nodes.len()];
    for i in (0..layout.nodes.len()).rev() {
        flags[i] = layout.nodes[i].kids.iter().any(|k| match k {
            Kid::Content { .. } => true,
            Kid::Node(child) => flags[*child],
        });
    }
    flags
}

fn mark_kept(layout: &Layout, has_content: &[bool], node: usize, parent_kept: bool, kept: &mut [bool]) {
    let grid = matches!(layout.nodes[node].role, Role::TR | Role::TH | Role::TD | Role::THead | Role::TBody);
    kept[node] = has_content[node] || (grid && parent_kept);
    for kid in &layout.nodes[node].kids {
        if let Kid::Node(child) = kid {
            mark_kept(layout, has_content, *child, kept[node], kept);
        }
    }
}

fn parents(layout: &Layout) -> Vec<usize> {
    let mut parents = vec![0; layout.nodes.len()];
    for (i, node) in layout.nodes.iter().enumerate() {
        for kid in &node.kids {
            if let Kid::Node(child) = kid {
                parents[*child] = i;
            }
        }
    }
    parents
}

/// Writes a Type0 font over a CIDFontType2 with the glyphs in `used`, subset and embedded.
fn write_font(pdf: &mut Pdf, refs: &mut Refs, type0: Ref, style: Style, used: &FontUse) {
    let font = style.font();
    let cid_ref = refs.next();
    let descriptor_ref = refs.next();
    let file_ref = refs.next();
    let cmap_ref = refs.next();
    let gid_map_ref = refs.next();

    let mut remapper = subsetter::GlyphRemapper::new();
    for (_, gid) in &used.chars {
        remapper.remap(*gid);
    }
    // If subsetting fails, embed the whole font with the original glyph ids.
    let subset = subsetter::subset(font.data, 0, &remapper).ok();
    let program = subset.as_deref().unwrap_or(font.data);
    let new_gid = |gid: u16| if subset.is_some() { remapper.get(gid).unwrap_or(0) } else { gid };

    // Subset tag: six capitals derived from the characters used.
    let mut hash = fnv(FNV_OFFSET, font.postscript_name.as_bytes());
    for (c, _) in &used.chars {
        hash = fnv(hash, c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    let mut base_font = String::new();
    if subset.is_some() {
        for _ in 0..6 {
            base_font.push(char::from(b'A' + (hash % 26) as u8));
            hash /= 26;
        }
        base_font.push('+');
    }
    base_font.push_str(font.postscript_name);

    let info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    pdf.type0_font(type0)
        .base_font(Name(base_font.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(CidFontType::Type2)
        .base_font(Name(base_font.as_bytes()))
        .system_info(info)
        .font_descriptor(descriptor_ref)
        .default_width(font.advance_pdf(0))
        .cid_to_gid_map_stream(gid_map_ref);
    cid.widths().consecutive(1, used.chars.iter().map(|(_, gid)| font.advance_pdf(*gid)));
    cid.finish();

    let [x0, y0, x1, y1] = font.bbox();
    let mut flags = FontFlags::NON_SYMBOLIC;
    if font.bold {
        flags |= FontFlags::FORCE_BOLD;
    }
    pdf.font_descriptor(descriptor_ref)
        .name(Name(base_font.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(x0, y0, x1, y1))
        .italic_angle(0.0)
        .ascent(font.ascender())
        .descent(font.descender())
        .cap_height(font.cap_height())
        .stem_v(if font.bold { 140.0 } else { 80.0 })
        .font_file2(file_ref);

    pdf.stream(file_ref, &deflate(program)).filter(Filter::FlateDecode).pair(Name(b"Length1"), program.len() as i32);

    let mut cmap = UnicodeCmap::new(Name(b"Adobe-Identity-UCS"), info);
    for (i, (c, _)) in used.chars.iter().enumerate() {
        cmap.pair(i as u16 + 1, *c);
    }
    let cmap_data = deflate(cmap.finish().as_slice());
    let mut cmap_stream = pdf.cmap(cmap_ref, &cmap_data);
    cmap_stream.name(Name(b"Adobe-Identity-UCS")).system_info(info);
    cmap_stream.filter(Filter::FlateDecode);
    cmap_stream.finish();

    let mut gid_map = Vec::with_capacity((used.chars.len() + 1) * 2);
    gid_map.extend_from_slice(&0u16.to_be_bytes());
    for (_, gid) in &used.chars {
        gid_map.extend_from_slice(&new_gid(*gid).to_be_bytes());
    }
    pdf.stream(gid_map_ref, &deflate(&gid_map)).filter(Filter::FlateDecode);
}

/// Compresses a stream for `/FlateDecode`.
fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 3)
}

/// Escapes text for XML content.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// XMP metadata: title, language, author, description, and the PDF/UA-1 identification.
fn xmp(title: &str, lang: &str, author: Option<&str>, subject: Option<&str>) -> String {
    let mut dc = format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
         <dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n\
         <dc:format>application/pdf</dc:format>\n",
        xml(title),
        xml(lang)
    );
    if let Some(author) = author {
        dc.push_str(&format!("<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n", xml(author)));
    }
    if let Some(subject) = subject {
        dc.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            xml(subject)
        ));
    }
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
         {dc}<pdf:Producer>{}</pdf:Producer>\n\
         <pdfuaid:part>1</pdfuaid:part>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"r\"?>",
        xml(PRODUCER)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cids_never_overflow() {
        let mut used = FontUse::default();
        // More distinct characters than two-byte CIDs, U+FFFD not among the first.
        let chars: Vec<char> = (0x1_0000..0x3_0000).filter_map(char::from_u32).take(70_000).collect();
        let cids: Vec<u16> = chars.iter().map(|c| used.cid(Style::Regular, *c)).collect();
        assert_eq!(cids[0], 1);
        assert_eq!(cids[FontUse::MAX_CID - 1], FontUse::MAX_CID as u16);
        assert_eq!(used.chars.len(), usize::from(u16::MAX));
        assert_eq!(used.chars.last().unwrap().0, '\u{FFFD}');
        assert!(cids[FontUse::MAX_CID..].iter().all(|cid| *cid == u16::MAX));
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(xml("a<b>&\"c\u{1}"), "a&lt;b&gt;&amp;&quot;c");
    }
}
