//! Structures to test with (the Östergötland structure of seed 001 and a messier one) and a small
//! XML checker, shared by the tests of every module.

use domain::ids::BodyId;
use domain::structure::{BodyFacts, BodyKind, check_hierarchy};

use crate::model::ChartBody;

const MANAGEMENT: [&str; 5] = [
    "Ledningsgruppen för näringslivsutveckling",
    "Ledningsgruppen för kultur",
    "Ledningsgruppen för samhällsplanering",
    "Ledningsgruppen för utbildning och kompetensförsörjning",
    "Ledningsgruppen för vård och omsorg",
];

pub(crate) fn body(id: i64, name: &str, kind: BodyKind) -> BodyFacts {
    BodyFacts::new(BodyId(id), name, kind)
}

/// The Östergötland structure of seed 001 (section 4 and the summary picture), with the
/// presidium links beside.
pub(crate) fn seed() -> (Vec<BodyFacts>, Vec<Option<BodyId>>) {
    let mut b = vec![
        body(1, "Samrådet för strategiska frågor", BodyKind::ConsultationGroup),
        body(2, "Samrådet för vård och omsorg", BodyKind::ConsultationGroup),
        body(3, "Presidiet för Samrådet för strategiska frågor", BodyKind::Presidium),
        body(4, "Presidiet för Samrådet för vård och omsorg", BodyKind::Presidium),
        body(5, "Ledningsgruppen för strategiska frågor", BodyKind::ManagementGroup),
    ];
    b[4].prepares_for = Some(BodyId(1));
    for (k, name) in MANAGEMENT.iter().enumerate() {
        let mut g = body(6 + k as i64, name, BodyKind::ManagementGroup);
        g.superior_id = Some(BodyId(5));
        b.push(g);
    }
    b.push(body(11, "Politiskt nätverk för folkhälsa", BodyKind::Network));
    b.push(body(12, "Politisk referensgrupp för utvecklingsstrategin", BodyKind::ReferenceGroup));
    let mut presidium_of = vec![None; b.len()];
    presidium_of[2] = Some(BodyId(1));
    presidium_of[3] = Some(BodyId(2));
    (b, presidium_of)
}

pub(crate) fn chart_bodies<'a>(facts: &'a [BodyFacts], presidium_of: &[Option<BodyId>]) -> Vec<ChartBody<'a>> {
    facts.iter().zip(presidium_of).map(|(facts, &presidium_of)| ChartBody { facts, presidium_of }).collect()
}

/// A small XML checker: tags balanced and properly nested, attributes quoted, `&` only in
/// entities, no `<` in text or attributes, one root element.
pub(crate) fn well_formed(xml: &str) -> Result<(), String> {
    fn entities_ok(text: &str) -> Result<(), String> {
        let mut rest = text;
        while let Some(k) = rest.find('&') {
            let tail = &rest[k + 1..];
            let end = tail.find(';').ok_or_else(|| format!("bare & in {text:?}"))?;
            let name = &tail[..end];
            let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
                || name.strip_prefix('#').is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if !ok {
                return Err(format!("bad entity &{name}; in {text:?}"));
            }
            rest = &tail[end + 1..];
        }
        if text.contains('<') {
            return Err(format!("raw < in {text:?}"));
        }
        Ok(())
    }
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            return Err("text after the root".into());
        };
        let text = &rest[..open];
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        entities_ok(text)?;
        let close = rest[open..].find('>').ok_or("unclosed tag")? + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(top) if top == name.trim() => {}
                top => return Err(format!("</{name}> closes {top:?}")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = &tag[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':') {
            return Err(format!("bad tag name {name:?}"));
        }
        let mut attrs = tag[name_end..].trim_start();
        let mut seen = Vec::new();
        while !attrs.is_empty() {
            let eq = attrs.find("=\"").ok_or_else(|| format!("unquoted attribute in <{tag}>"))?;
            let attr = &attrs[..eq];
            if attr.is_empty() || attr.contains(char::is_whitespace) || seen.contains(&attr) {
                return Err(format!("bad or repeated attribute {attr:?} in <{name}>"));
            }
            seen.push(attr);
            let value_end = attrs[eq + 2..].find('"').ok_or("unterminated attribute")? + eq + 2;
            entities_ok(&attrs[eq + 2..value_end])?;
            attrs = attrs[value_end + 1..].trim_start();
        }
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name.to_string());
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements {stack:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

/// A larger and messier structure: presidiums in the officials' band, links across bands,
/// a circle of superiors, dangling links, long names, many groups in a band.
pub(crate) fn messy() -> (Vec<BodyFacts>, Vec<Option<BodyId>>) {
    let (mut b, mut pres) = seed();
    let mut add = |f: BodyFacts, p: Option<i64>| {
        b.push(f);
        pres.push(p.map(BodyId));
    };
    add(body(20, "Presidiet för Ledningsgruppen för strategiska frågor", BodyKind::Presidium), Some(5));
    let mut wg = body(21, "Arbetsgrupp för kollektivtrafikens infrastrukturplanering", BodyKind::WorkingGroup);
    wg.superior_id = Some(BodyId(8));
    wg.prepares_for = Some(BodyId(8));
    add(wg, None);
    let mut vo = body(22, "Styrgrupp för vård och omsorg", BodyKind::SteeringGroup);
    vo.superior_id = Some(BodyId(2));
    add(vo, None);
    let mut cyc_a = body(23, "Arbetsgrupp A", BodyKind::WorkingGroup);
    cyc_a.superior_id = Some(BodyId(24));
    add(cyc_a, None);
    let mut cyc_b = body(24, "Arbetsgrupp B", BodyKind::WorkingGroup);
    cyc_b.superior_id = Some(BodyId(23));
    cyc_b.prepares_for = Some(BodyId(999));
    add(cyc_b, Some(777));
    add(body(25, "Regionstyrelsen", BodyKind::RegionalBoard), None);
    add(body(26, "Kommunstyrelsen i Norrköpings kommun", BodyKind::MunicipalBoard), None);
    add(body(27, "Trafik- och samhällsplaneringsnämnden", BodyKind::Committee), None);
    add(
        body(28, "Ett mycket långt namn på en grupp som inte ryms på tre rader i en ruta alls", BodyKind::Network),
        None,
    );
    for k in 0..7 {
        let mut g = body(30 + k, &format!("Ledningsgruppen för område {k}"), BodyKind::ManagementGroup);
        g.prepares_for = Some(BodyId(if k % 2 == 0 { 1 } else { 2 }));
        add(g, None);
    }
    (b, pres)
}

#[test]
fn the_checker_catches_broken_xml() {
    assert!(well_formed("<svg><a></a></svg>").is_ok());
    assert!(well_formed("<svg><a></svg>").is_err());
    assert!(well_formed("<svg>a & b</svg>").is_err());
    assert!(well_formed("<svg x=1/>").is_err());
    assert!(well_formed("<svg/><svg/>").is_err());
    assert!(well_formed("<svg t=\"a<b\"/>").is_err());
}

#[test]
fn the_seed_structure_is_consistent() {
    let (facts, _) = seed();
    assert!(check_hierarchy(&facts).is_ok());
}
