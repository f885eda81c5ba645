//! Writing the chart out as one `<svg>` element: bands, frames, lines with arrowheads, every box a
//! link with its own `<title>`, labels and the key. The page's Content-Security-Policy forbids
//! inline styles, so the SVG uses presentation attributes only.

use std::fmt::Write;

use domain::error::Lang;
use domain::structure::BodyKind;

use crate::blocks::{BoxAt, FONT, KIND_FONT, KIND_H, LINE_H, PRES_FONT, PRES_LINE_H};
use crate::geom::Pt;
use crate::layout::{
    Chart, EdgeKind, HEAD_FONT, LABEL_FONT, LEGEND_H, LEGEND_SAMPLE, LegendItem, MARGIN, band_heading, legend_text,
    legend_title,
};
use crate::model::{INFORMAL, Model, OFFICIALS, POLITICAL};
use crate::text::text_width;
use crate::xml::esc;

const INK: &str = "#1b1b1b";
const MUTED: &str = "#4a4a4a";
const BRAND: &str = "#0b4f6c";
const PALE: &str = "#e8f1f6";
const SOFT: &str = "#f3f6f8";
const WHITE: &str = "#ffffff";
const RULE: &str = "#c5ced6";
const FRAME: &str = "#5c6f7b";
const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

const TITLE_ID: &str = "orgchart-title";
const DESC_ID: &str = "orgchart-desc";

fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Samrådsstrukturen",
        Lang::En => "The consultation structure",
    }
}

fn desc(m: &Model, chart: &Chart, lang: Lang) -> String {
    let count = |band: usize| (0..m.items.len()).filter(|&i| m.items[i].band == band && m.host[i].is_none()).count();
    let (p, o, n) = (count(POLITICAL), count(OFFICIALS), count(INFORMAL));
    let sv = lang == Lang::Sv;
    let mut d = if sv {
        format!(
            "Organisationsschema i tre nivåer: politisk nivå ({p}), ledningsgrupper med tjänstepersoner ({o}) och \
             informella nätverk utan beredande roll ({n})."
        )
    } else {
        format!(
            "Organisation chart in three tiers: the political tier ({p}), management groups of officials ({o}) and \
             informal networks without a preparatory role ({n})."
        )
    };
    if chart.legend.contains(&LegendItem::Prepares) {
        d.push_str(if sv {
            " Heldragna pilar går från en grupp till den grupp den bereder ärenden åt."
        } else {
            " Solid arrows run from a body to the body it prepares cases for."
        });
    }
    if chart.legend.contains(&LegendItem::Superior) {
        d.push_str(if sv {
            " Streckade pilar går från en överordnad grupp till de grupper den är överordnad."
        } else {
            " Dashed arrows run from a superior body to the bodies it is superior to."
        });
    }
    d.push_str(if sv {
        " Samma uppgifter finns som lista i texten."
    } else {
        " The same information is given as a list in the text."
    });
    d
}

pub(crate) fn empty_svg(lang: Lang) -> String {
    let text = match lang {
        Lang::Sv => "Det finns inga grupper att visa.",
        Lang::En => "There are no bodies to show.",
    };
    let w = text_width(text, FONT, false) + 2 * MARGIN;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"orgchart\" viewBox=\"0 0 {w} 56\" width=\"{w}\" height=\"56\" \
         role=\"img\" aria-labelledby=\"{TITLE_ID}\"><title id=\"{TITLE_ID}\">{t}: {text}</title>\
         <text x=\"{MARGIN}\" y=\"33\" font-family=\"{FONT_FAMILY}\" font-size=\"{FONT}\" fill=\"{INK}\">{text}</text></svg>",
        t = title(lang),
    )
}

fn path_d(points: &[Pt]) -> String {
    let mut d = String::new();
    for (k, p) in points.iter().enumerate() {
        let _ = write!(d, "{}{},{}", if k == 0 { "M" } else { " L" }, p.x, p.y);
    }
    d
}

/// Pulls the last point back so that the line ends inside the arrowhead, not past its tip.
fn shorten_end(points: &[Pt], by: i32) -> Vec<Pt> {
    let mut out = points.to_vec();
    let n = out.len();
    if n >= 2 {
        let (a, b) = (out[n - 2], out[n - 1]);
        let len = (a.x - b.x).abs() + (a.y - b.y).abs();
        let by = by.min(len);
        out[n - 1] = Pt { x: b.x - (b.x - a.x).signum() * by, y: b.y - (b.y - a.y).signum() * by };
    }
    out
}

const ARROW_PREPARES: &str = "orgchart-arrow-prepares";
const ARROW_SUPERIOR: &str = "orgchart-arrow-superior";

pub(crate) fn render(m: &Model, chart: &Chart, lang: Lang) -> String {
    let (w, h) = (chart.w, chart.h);
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"orgchart\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
         height=\"{h}\" role=\"group\" aria-labelledby=\"{TITLE_ID}\" aria-describedby=\"{DESC_ID}\" font-family=\"{FONT_FAMILY}\">\
         <title id=\"{TITLE_ID}\">{}</title><desc id=\"{DESC_ID}\">{}</desc>",
        esc(title(lang)),
        esc(&desc(m, chart, lang)),
    );
    let _ = write!(
        s,
        "<defs><marker id=\"{ARROW_PREPARES}\" viewBox=\"0 0 10 10\" refX=\"6\" refY=\"5\" markerWidth=\"10\" \
         markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" \
         fill=\"{BRAND}\"/></marker><marker id=\"{ARROW_SUPERIOR}\" viewBox=\"0 0 10 10\" refX=\"6\" refY=\"5\" \
         markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path \
         d=\"M0,0 L10,5 L0,10 z\" fill=\"{INK}\"/></marker></defs>"
    );
    for band in &chart.bands {
        let r = band.r;
        let (fill, stroke, extra) = if band.band == INFORMAL {
            (WHITE, MUTED, " stroke-width=\"1.5\" stroke-dasharray=\"8 5\"")
        } else {
            (SOFT, RULE, " stroke-width=\"1\"")
        };
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\"{extra}/>\
             <text x=\"{}\" y=\"{}\" font-size=\"{HEAD_FONT}\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
            r.x,
            r.y,
            r.w,
            r.h,
            r.x + 16,
            r.y + 28,
            esc(band_heading(band.band, lang)),
        );
    }
    for f in &chart.frames {
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"none\" stroke=\"{FRAME}\" \
             stroke-width=\"1.5\"/>",
            f.x, f.y, f.w, f.h
        );
    }
    for (a, b) in &chart.ties {
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{BRAND}\" stroke-width=\"2\"/>",
            a.x, a.y, b.x, b.y
        );
    }
    for (a, b) in &chart.sups {
        let d = path_d(&shorten_end(&[*a, *b], 4));
        let _ = write!(
            s,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" \
             marker-end=\"url(#{ARROW_SUPERIOR})\"/>"
        );
    }
    for route in &chart.routes {
        let d = path_d(&shorten_end(&route.points, 4));
        let _ = match route.kind {
            EdgeKind::Prepares => write!(
                s,
                "<path d=\"{d}\" fill=\"none\" stroke=\"{BRAND}\" stroke-width=\"2\" stroke-linejoin=\"round\" \
                 marker-end=\"url(#{ARROW_PREPARES})\"/>"
            ),
            EdgeKind::Superior => write!(
                s,
                "<path d=\"{d}\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" \
                 stroke-linejoin=\"round\" marker-end=\"url(#{ARROW_SUPERIOR})\"/>"
            ),
        };
    }
    for b in &chart.boxes {
        write_box(&mut s, m, chart, b, lang);
    }
    for l in &chart.labels {
        let r = l.at;
        if l.patch {
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{WHITE}\"/>\
                 <text x=\"{}\" y=\"{}\" font-size=\"{LABEL_FONT}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
                r.x,
                r.y,
                r.w,
                r.h,
                r.cx(),
                r.y + 13,
                esc(l.text)
            );
        } else {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" font-size=\"{LABEL_FONT}\" fill=\"{INK}\">{}</text>",
                r.x + 2,
                r.y + 13,
                esc(l.text)
            );
        }
    }
    write_legend(&mut s, chart, lang);
    s.push_str("</svg>");
    s
}

fn write_box(s: &mut String, m: &Model, chart: &Chart, b: &BoxAt, lang: Lang) {
    let x = &chart.metrics;
    let item = &m.items[b.item];
    let f = item.facts;
    let r = b.r;
    let consultation = !b.presidium && f.kind == BodyKind::ConsultationGroup && item.band == POLITICAL;
    let (fill, stroke, text, sub) = match (b.presidium, item.band) {
        (true, _) => (PALE, BRAND, INK, MUTED),
        (false, _) if consultation => (BRAND, BRAND, WHITE, WHITE),
        (false, POLITICAL) => (WHITE, BRAND, INK, MUTED),
        (false, OFFICIALS) => (PALE, BRAND, INK, MUTED),
        (false, _) => (WHITE, MUTED, INK, MUTED),
    };
    let dash = if !b.presidium && item.band == INFORMAL { " stroke-dasharray=\"5 3\"" } else { "" };
    let width = if x.bold[b.item] { 2.5 } else { 1.5 };
    let _ = write!(
        s,
        "<a href=\"/organ/{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" \
         fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>",
        f.id,
        esc(&f.name),
        r.x,
        r.y,
        r.w,
        r.h
    );
    let lines = &x.lines[b.item];
    let (size, line_h) = if b.presidium { (PRES_FONT, PRES_LINE_H) } else { (FONT, LINE_H) };
    let kind = !b.presidium && x.kind_line[item.band];
    let content = lines.len() as i32 * line_h + if kind { KIND_H } else { 0 };
    let mut y = r.y + (r.h - content) / 2;
    let weight = if x.bold[b.item] { " font-weight=\"bold\"" } else { "" };
    let _ = write!(s, "<text text-anchor=\"middle\" font-size=\"{size}\" fill=\"{text}\"{weight}>");
    if kind {
        let _ = write!(
            s,
            "<tspan x=\"{}\" y=\"{}\" font-size=\"{KIND_FONT}\" font-weight=\"normal\" fill=\"{sub}\">{}</tspan>",
            r.cx(),
            y + 11,
            esc(f.kind.label(lang))
        );
        y += KIND_H;
    }
    for line in lines {
        let _ = write!(s, "<tspan x=\"{}\" y=\"{}\">{}</tspan>", r.cx(), y + (line_h + size * 7 / 10) / 2, esc(line));
        y += line_h;
    }
    s.push_str("</text></a>");
}

fn write_legend(s: &mut String, chart: &Chart, lang: Lang) {
    if chart.legend.is_empty() {
        return;
    }
    let y = chart.legend_y + LEGEND_H / 2;
    let mut x = MARGIN;
    let _ = write!(
        s,
        "<text x=\"{x}\" y=\"{}\" font-size=\"{LABEL_FONT}\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
        y + 4,
        esc(legend_title(lang))
    );
    x += text_width(legend_title(lang), LABEL_FONT, true) + 12;
    for &item in &chart.legend {
        let _ = match item {
            LegendItem::Prepares => write!(
                s,
                "<path d=\"M{x},{y} L{},{y}\" stroke=\"{BRAND}\" stroke-width=\"2\" marker-end=\"url(#{ARROW_PREPARES})\"/>",
                x + LEGEND_SAMPLE - 4
            ),
            LegendItem::Superior => write!(
                s,
                "<path d=\"M{x},{y} L{},{y}\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" \
                 marker-end=\"url(#{ARROW_SUPERIOR})\"/>",
                x + LEGEND_SAMPLE - 4
            ),
            LegendItem::Frame => write!(
                s,
                "<rect x=\"{x}\" y=\"{}\" width=\"{LEGEND_SAMPLE}\" height=\"16\" rx=\"5\" fill=\"none\" \
                 stroke=\"{FRAME}\" stroke-width=\"1.5\"/>",
                y - 8
            ),
        };
        x += LEGEND_SAMPLE + 8;
        let text = legend_text(item, lang);
        let _ =
            write!(s, "<text x=\"{x}\" y=\"{}\" font-size=\"{LABEL_FONT}\" fill=\"{INK}\">{}</text>", y + 4, esc(text));
        x += text_width(text, LABEL_FONT, false) + 24;
    }
}
