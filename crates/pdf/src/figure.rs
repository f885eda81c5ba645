//! Draws a placed [`Figure`](crate::Figure) into a page's content stream: its shapes as vector
//! paths and its labels as text, inside one marked-content sequence tagged `Figure`, so the
//! structure tree holds the figure (with its `/Alt`) and not its pieces.

use pdf_writer::{Content, Name, Str};

use crate::font::Style;
use crate::layout::Placed;
use crate::{Anchor, Shape};

/// Bézier control distance of a quarter circle, as a fraction of the radius.
const KAPPA: f32 = 0.552_284_8;

fn rgb(c: [u8; 3]) -> (f32, f32, f32) {
    (f32::from(c[0]) / 255.0, f32::from(c[1]) / 255.0, f32::from(c[2]) / 255.0)
}

/// Draws `placed` with its marked-content id; `font` is the regular font's resource name and
/// `encode` turns a label into its glyph codes in that font.
pub(crate) fn draw(content: &mut Content, placed: &Placed, font: Name, encode: &mut dyn FnMut(&str) -> Vec<u8>) {
    let s = placed.scale;
    let f = &placed.figure;
    // From the drawing's units (y down) to the page's points (y up).
    let at = |(x, y): (f32, f32)| (placed.left + x * s, placed.top - y * s);
    content.begin_marked_content_with_properties(Name(b"Figure")).properties().identify(placed.mcid);
    content.save_state();
    let (x0, y1) = at((0.0, 0.0));
    content.rect(x0, y1 - f.height * s, f.width * s, f.height * s).clip_nonzero().end_path();
    for shape in &f.shapes {
        match shape {
            Shape::Line { points, width, colour, dash } => {
                let Some((first, rest)) = points.split_first() else { continue };
                let (r, g, b) = rgb(*colour);
                content.set_stroke_rgb(r, g, b).set_line_width(width * s);
                content.set_dash_pattern(dash.iter().map(|d| d * s), 0.0);
                let (x, y) = at(*first);
                content.move_to(x, y);
                for p in rest {
                    let (x, y) = at(*p);
                    content.line_to(x, y);
                }
                content.stroke();
            }
            Shape::Polygon { points, colour } => {
                let Some((first, rest)) = points.split_first() else { continue };
                let (r, g, b) = rgb(*colour);
                content.set_fill_rgb(r, g, b);
                let (x, y) = at(*first);
                content.move_to(x, y);
                for p in rest {
                    let (x, y) = at(*p);
                    content.line_to(x, y);
                }
                content.close_path().fill_nonzero();
            }
            Shape::Disc { centre, radius, colour } => {
                let (r, g, b) = rgb(*colour);
                content.set_fill_rgb(r, g, b);
                let (cx, cy) = at(*centre);
                let (rr, k) = (radius * s, radius * s * KAPPA);
                content.move_to(cx + rr, cy);
                content.cubic_to(cx + rr, cy + k, cx + k, cy + rr, cx, cy + rr);
                content.cubic_to(cx - k, cy + rr, cx - rr, cy + k, cx - rr, cy);
                content.cubic_to(cx - rr, cy - k, cx - k, cy - rr, cx, cy - rr);
                content.cubic_to(cx + k, cy - rr, cx + rr, cy - k, cx + rr, cy);
                content.close_path().fill_nonzero();
            }
            Shape::Text { at: point, anchor, size, colour, text } => {
                let text = crate::layout::clean(text).replace('\n', " ");
                if text.trim().is_empty() {
                    continue;
                }
                let size = size * s;
                let width = Style::Regular.font().width(&text, size);
                let (x, y) = at(*point);
                let x = match anchor {
                    Anchor::Start => x,
                    Anchor::Middle => x - width / 2.0,
                    Anchor::End => x - width,
                };
                let (r, g, b) = rgb(*colour);
                content.begin_text();
                content.set_font(font, size).set_fill_rgb(r, g, b);
                content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
                content.show(Str(&encode(&text)));
                content.end_text();
            }
        }
    }
    content.restore_state();
    content.end_marked_content();
}
