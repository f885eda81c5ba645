//! Tests of the public API on whole structures: the SVG, the outline and the layout behind them.

use domain::structure::{BodyFacts, BodyKind};
use domain::text::search_key;

use super::*;
use crate::fixtures::{body, chart_bodies, messy, seed, well_formed};
use crate::layout::EdgeKind;

#[test]
fn draws_every_body_as_a_link_in_well_formed_svg() {
    let (facts, pres) = seed();
    let bodies = chart_bodies(&facts, &pres);
    for lang in [Lang::Sv, Lang::En] {
        let svg = svg(&bodies, lang);
        well_formed(&svg).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        for f in &facts {
            assert!(svg.contains(&format!("<a href=\"/organ/{}\"><title>{}</title>", f.id, f.name)), "{}", f.name);
        }
        assert_eq!(svg.matches("<a href=").count(), facts.len());
        assert!(!svg.contains("style"), "no inline styles under the CSP");
        assert!(!svg.contains("<script"));
        assert!(svg.contains("role=\"group\" aria-labelledby=\"orgchart-title\" aria-describedby=\"orgchart-desc\""));
        assert!(svg.contains("<title id=\"orgchart-title\">") && svg.contains("<desc id=\"orgchart-desc\">"));
        assert!(svg.contains("<marker id=\"orgchart-arrow-prepares\""));
        assert!(svg.contains("marker-end=\"url(#orgchart-arrow-prepares)\""), "the preparation arrow");
        assert!(svg.contains("stroke-dasharray=\"8 5\""), "the networks' band is dashed");
    }
    let sv = svg(&bodies, Lang::Sv);
    assert!(sv.contains(">Nätverk (informella, utan beredande roll)</text>"));
    assert!(sv.contains(">Politiska samråd</text>") && sv.contains(">Ledningsgrupper (tjänstepersoner)</text>"));
    assert!(sv.contains(">bereder</text>") && sv.contains(">överordnad</text>"));
    let en = svg(&bodies, Lang::En);
    assert!(en.contains(">Networks (informal, no preparatory role)</text>"));
    assert!(en.contains(">prepares</text>") && en.contains(">superior to</text>"));
}

#[test]
fn escapes_markup_in_names() {
    let (mut facts, mut pres) = seed();
    facts.push(body(13, "Forum för <kultur> & \"fritid\" i Ö'stad", BodyKind::ReferenceGroup));
    pres.push(None);
    let svg = svg(&chart_bodies(&facts, &pres), Lang::Sv);
    well_formed(&svg).unwrap();
    assert!(svg.contains("<title>Forum för &lt;kultur&gt; &amp; &quot;fritid&quot; i Ö&apos;stad</title>"));
    assert!(!svg.contains("<kultur>") && !svg.contains("& \""));
    let outline = outline(&chart_bodies(&facts, &pres), Lang::Sv);
    assert!(outline.iter().any(|n| n.name == "Forum för <kultur> & \"fritid\" i Ö'stad"), "the outline is raw text");
}

#[test]
fn the_outline_nests_subordinates_and_presidiums() {
    let (facts, pres) = seed();
    let outline = outline(&chart_bodies(&facts, &pres), Lang::Sv);
    let names: Vec<&str> = outline.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Samrådet för strategiska frågor",
            "Samrådet för vård och omsorg",
            "Politisk referensgrupp för utvecklingsstrategin",
            "Ledningsgruppen för strategiska frågor",
            "Politiskt nätverk för folkhälsa",
        ]
    );
    let strategic = &outline[0];
    assert_eq!(strategic.kind_label, "Samrådsgrupp");
    assert_eq!(strategic.relation, None);
    assert_eq!(strategic.children.len(), 1);
    assert_eq!(strategic.children[0].name, "Presidiet för Samrådet för strategiska frågor");
    assert_eq!(strategic.children[0].relation.as_deref(), Some("Presidium för Samrådet för strategiska frågor"));
    assert_eq!(outline[1].children[0].id, BodyId(4));
    let lg = &outline[3];
    assert_eq!(lg.relation.as_deref(), Some("Bereder ärenden åt Samrådet för strategiska frågor"));
    let mut subs: Vec<&str> = lg.children.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(subs.len(), 5);
    assert!(
        lg.children.iter().all(|c| c.relation.as_deref() == Some("Underställd Ledningsgruppen för strategiska frågor"))
    );
    assert!(lg.children.iter().all(|c| c.children.is_empty() && c.kind_label == "Ledningsgrupp"));
    let sorted = subs.clone();
    subs.sort_by_key(|n| search_key(n));
    assert_eq!(subs, sorted, "in Swedish order");
    assert_eq!(outline[4].relation.as_deref(), Some("Informell, utan beredande roll"));
    let en = super::outline(&chart_bodies(&facts, &pres), Lang::En);
    assert_eq!(en[3].relation.as_deref(), Some("Prepares cases for Samrådet för strategiska frågor"));
    assert_eq!(en[3].children[0].relation.as_deref(), Some("Reports to Ledningsgruppen för strategiska frågor"));
    assert_eq!(en[0].children[0].relation.as_deref(), Some("Presidium of Samrådet för strategiska frågor"));
    assert_eq!(en[4].kind_label, "Network");
}

#[test]
fn the_output_does_not_depend_on_the_input_order() {
    let (facts, pres) = seed();
    let bodies = chart_bodies(&facts, &pres);
    let svg0 = svg(&bodies, Lang::Sv);
    let outline0 = outline(&bodies, Lang::Sv);
    let mut shuffled = bodies.clone();
    for round in 0..8 {
        shuffled.reverse();
        shuffled.rotate_left(round * 5 % bodies.len());
        shuffled.swap(round % bodies.len(), (round * 7 + 3) % bodies.len());
        assert_eq!(svg(&shuffled, Lang::Sv), svg0);
        assert_eq!(outline(&shuffled, Lang::Sv), outline0);
    }
}

/// What no layout may do: boxes on top of each other, lines through boxes, labels on boxes.
fn assert_clean(facts: &[BodyFacts], pres: &[Option<BodyId>]) {
    let bodies = chart_bodies(facts, pres);
    let m = Model::new(&bodies);
    let chart = layout(&m, Lang::Sv);
    assert_eq!(chart.boxes.len(), facts.len(), "every body drawn once");
    for (k, a) in chart.boxes.iter().enumerate() {
        assert!(a.r.x >= 0 && a.r.y >= 0 && a.r.right() <= chart.w && a.r.bottom() <= chart.h);
        for b in &chart.boxes[k + 1..] {
            assert!(!a.r.overlaps(&b.r), "{:?} overlaps {:?}", m.items[a.item].facts.name, m.items[b.item].facts.name);
        }
        for l in &chart.labels {
            assert!(!a.r.overlaps(&l.at), "label {:?} on {:?}", l.text, m.items[a.item].facts.name);
        }
    }
    for route in &chart.routes {
        for seg in route.points.windows(2) {
            assert!(seg[0].x == seg[1].x || seg[0].y == seg[1].y, "lines run straight");
            for b in &chart.boxes {
                assert!(!b.r.cut_by(seg[0], seg[1]), "a line crosses {:?}", m.items[b.item].facts.name);
            }
        }
    }
    for (k, a) in chart.labels.iter().enumerate() {
        for b in &chart.labels[k + 1..] {
            assert!(!a.at.overlaps(&b.at), "labels overlap");
        }
    }
    well_formed(&render(&m, &chart, Lang::Sv)).unwrap();
}

#[test]
fn layouts_keep_boxes_lines_and_labels_apart() {
    let (facts, pres) = seed();
    assert_clean(&facts, &pres);
    let (facts, pres) = messy();
    assert_clean(&facts, &pres);
    let bodies = chart_bodies(&facts, &pres);
    let m = Model::new(&bodies);
    let chart = layout(&m, Lang::Sv);
    // 1 + 1 + 7 preparations (not the dangling one); the superior link across bands and the
    // circle of two (the steering group sits in its superior's frame).
    assert_eq!(chart.routes.iter().filter(|r| r.kind == EdgeKind::Prepares).count(), 9);
    assert_eq!(chart.routes.iter().filter(|r| r.kind == EdgeKind::Superior).count(), 3);
    let o = outline(&bodies, Lang::Sv);
    let total = |nodes: &[OutlineNode]| -> usize {
        fn count(n: &[OutlineNode]) -> usize {
            n.iter().map(|n| 1 + count(&n.children)).sum()
        }
        count(nodes)
    };
    assert_eq!(total(&o), facts.len(), "every body once in the outline, circles cut");
}

#[test]
fn draws_nothing_gracefully() {
    let svg = svg(&[], Lang::En);
    well_formed(&svg).unwrap();
    assert!(svg.contains("There are no bodies to show."));
    assert!(outline(&[], Lang::Sv).is_empty());
}
