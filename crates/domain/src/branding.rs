//! The installation's own look: its name ("Region Jönköpings län – Samverkan"), logo and accent
//! colour, shown in the header, the notice board's heading and the PDFs.
//!
//! The accent colour is the header's background behind white text and menu links, so it is
//! refused when white on it would not reach WCAG 2.1 AA's contrast minimum for normal text,
//! 4.5:1 (success criterion 1.4.3), computed with WCAG 2.1's definitions of relative luminance
//! and contrast ratio. A logo is a PNG or an SVG of at most 256 KiB; an SVG that carries script
//! or event handlers is refused (it is served as an image, with a policy that forbids script,
//! but it is never stored either).

use crate::error::{Errors, FieldError, Invalid};

/// The name when no administrator has set one.
pub const DEFAULT_NAME: &str = "Samverkan";
/// WCAG 2.1 SC 1.4.3: contrast of at least 4.5:1 for text below 18 pt (14 pt bold).
pub const AA_NORMAL_TEXT: f64 = 4.5;
/// The largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;
/// The longest installation name.
pub const MAX_NAME_CHARS: usize = 80;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

pub const WHITE: Colour = Colour { r: 255, g: 255, b: 255 };

impl Colour {
    /// `#rrggbb` or `#rgb` (case-insensitive, the `#` optional).
    pub fn parse(s: &str) -> Option<Colour> {
        let hex = s.trim().trim_start_matches('#');
        let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
        match digits.as_slice() {
            [r, g, b] => Some(Colour { r: r * 17, g: g * 17, b: b * 17 }),
            [r1, r2, g1, g2, b1, b2] => Some(Colour { r: r1 * 16 + r2, g: g1 * 16 + g2, b: b1 * 16 + b2 }),
            _ => None,
        }
    }

    /// `#rrggbb`, lower case.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Relative luminance, WCAG 2.1 ("relative luminance", with the sRGB threshold 0.03928).
    pub fn luminance(&self) -> f64 {
        let channel = |c: u8| {
            let s = f64::from(c) / 255.0;
            if s <= 0.03928 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// The same hue darkened by `share` (0–1) towards black: the header's hover and border shade.
    pub fn darker(&self, share: f64) -> Colour {
        let k = (1.0 - share).clamp(0.0, 1.0);
        let d = |c: u8| (f64::from(c) * k).round() as u8;
        Colour { r: d(self.r), g: d(self.g), b: d(self.b) }
    }
}

/// WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter; from 1 to 21.
pub fn contrast_ratio(a: Colour, b: Colour) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la >= lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The kinds of logo accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Svg,
}

impl LogoKind {
    pub fn mime(self) -> &'static str {
        match self {
            LogoKind::Png => "image/png",
            LogoKind::Svg => "image/svg+xml",
        }
    }

    pub fn from_mime(s: &str) -> Option<LogoKind> {
        match s {
            "image/png" => Some(LogoKind::Png),
            "image/svg+xml" => Some(LogoKind::Svg),
            _ => None,
        }
    }
}

/// An uploaded logo, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logo {
    pub kind: LogoKind,
    pub bytes: Vec<u8>,
}

fn logo_error(code: &'static str, sv: impl Into<String>, en: impl Into<String>) -> FieldError {
    FieldError::new("logo", code, sv, en)
}

impl Logo {
    /// Checks a file by its content, not its name: a PNG by its signature, an SVG by its root
    /// element, without script, event handlers or `javascript:` links.
    pub fn parse(bytes: Vec<u8>) -> Result<Logo, FieldError> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(logo_error(
                "logo_too_large",
                format!("Logotypen är för stor. Den får vara högst {} kB.", MAX_LOGO_BYTES / 1024),
                format!("The logo is too large. It may be at most {} kB.", MAX_LOGO_BYTES / 1024),
            ));
        }
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Ok(Logo { kind: LogoKind::Png, bytes });
        }
        let text = std::str::from_utf8(&bytes).ok().map(str::to_ascii_lowercase);
        match text {
            Some(t) if t.contains("<svg") && t.trim_start().starts_with('<') => {
                let scripted = t.contains("<script")
                    || t.contains("javascript:")
                    || t.contains("<foreignobject")
                    || t.split(|c: char| c.is_whitespace()).any(|w| w.starts_with("on") && w.contains('='));
                if scripted {
                    Err(logo_error(
                        "logo_script",
                        "Logotypen innehåller skript eller händelsehanterare. Spara den som en ren SVG eller PNG.",
                        "The logo contains script or event handlers. Save it as a plain SVG or PNG.",
                    ))
                } else {
                    Ok(Logo { kind: LogoKind::Svg, bytes })
                }
            }
            _ => Err(logo_error(
                "logo_type",
                "Logotypen ska vara en PNG- eller SVG-fil.",
                "The logo must be a PNG or SVG file.",
            )),
        }
    }
}

/// The installation's look as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Branding {
    /// The name shown in the header, page titles, the notice board and the PDFs.
    pub name: String,
    /// The accent colour; none means the product's own.
    pub accent: Option<Colour>,
    /// The logo's kind and a short digest of its bytes (for its address), when there is one.
    pub logo: Option<(LogoKind, String)>,
}

impl Default for Branding {
    fn default() -> Self {
        Branding { name: DEFAULT_NAME.into(), accent: None, logo: None }
    }
}

impl Branding {
    /// The address of the stylesheet with the accent colour, when one is set.
    pub fn stylesheet_href(&self) -> Option<String> {
        self.accent.map(|_| format!("/varumarke.css?v={}", self.tag()))
    }

    /// The address of the logo, when there is one.
    pub fn logo_href(&self) -> Option<String> {
        self.logo.as_ref().map(|(_, digest)| format!("/varumarke/logo?v={digest}"))
    }

    /// A version of the look for addresses that may be cached for a long time.
    pub fn tag(&self) -> String {
        let accent = self.accent.map(|c| c.hex()).unwrap_or_default();
        let logo = self.logo.as_ref().map(|(_, d)| d.as_str()).unwrap_or("");
        format!("{}{}", accent.trim_start_matches('#'), logo)
    }
}

/// What an administrator asks for: a name and an accent colour (an empty colour means the
/// product's own). The logo travels separately, since a form may leave it unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct BrandingInput {
    pub name: String,
    pub accent: Option<Colour>,
}

impl BrandingInput {
    pub fn parse(name: &str, accent: &str) -> Result<BrandingInput, Invalid> {
        let mut e = Errors::new();
        let name = e.check(crate::text::required("name", name, MAX_NAME_CHARS));
        let accent = if accent.trim().is_empty() { Some(None) } else { e.check(accent_colour(accent).map(Some)) };
        e.finish(|| BrandingInput { name: name.unwrap_or_default(), accent: accent.flatten() })
    }
}

/// The accent colour, refused when white text on it fails WCAG 2.1 AA (1.4.3).
pub fn accent_colour(s: &str) -> Result<Colour, FieldError> {
    let c = Colour::parse(s).ok_or_else(|| {
        FieldError::new(
            "accent",
            "accent_format",
            "Ange färgen som #rrggbb, till exempel #0b4f6c.",
            "Give the colour as #rrggbb, for example #0b4f6c.",
        )
    })?;
    let ratio = contrast_ratio(c, WHITE);
    let sv_ratio = format!("{ratio:.2}").replace('.', ",");
    if ratio < AA_NORMAL_TEXT {
        return Err(FieldError::new(
            "accent",
            "accent_contrast",
            format!(
                "Vit text på {} har kontrasten {sv_ratio}:1. WCAG 2.1 AA kräver minst 4,5:1 – välj en mörkare färg.",
                c.hex()
            ),
            format!(
                "White text on {} has a contrast of {:.2}:1. WCAG 2.1 AA requires at least 4.5:1 – choose a darker colour.",
                c.hex(),
                ratio
            ),
        ));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag_21() {
        // The extremes of the scale (WCAG 2.1, "contrast ratio": from 1:1 to 21:1).
        assert!((contrast_ratio(WHITE, Colour { r: 0, g: 0, b: 0 }) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // Known pairs: #767676 on white is the lightest grey that passes AA (4.54:1);
        // #777777 fails (4.48:1).
        let r = contrast_ratio(Colour::parse("#767676").unwrap(), WHITE);
        assert!((r - 4.54).abs() < 0.01, "{r}");
        let r = contrast_ratio(Colour::parse("#777").unwrap(), WHITE);
        assert!((r - 4.48).abs() < 0.01, "{r}");
    }

    #[test]
    fn the_accent_is_refused_when_white_text_on_it_fails_aa() {
        // The product's own header colour passes.
        assert_eq!(accent_colour("#0B4F6C").unwrap().hex(), "#0b4f6c");
        // A light yellow does not, and the message gives the ratio in both languages.
        let e = accent_colour("#ffdd00").unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("accent", "accent_contrast"));
        assert!(e.sv.contains("4,5:1") && e.en.contains("4.5:1"), "{e:?}");
        assert_eq!(accent_colour("blå").unwrap_err().code, "accent_format");
        assert_eq!(accent_colour("#12345").unwrap_err().code, "accent_format");
    }

    #[test]
    fn an_empty_accent_means_the_products_own_and_the_name_is_required() {
        let i = BrandingInput::parse(" Region Jönköpings län – Samverkan ", "").unwrap();
        assert_eq!((i.name.as_str(), i.accent), ("Region Jönköpings län – Samverkan", None));
        let e = BrandingInput::parse("", "#ffffff").unwrap_err();
        assert!(e.for_field("name").is_some() && e.for_field("accent").is_some());
        assert!(BrandingInput::parse(&"x".repeat(81), "").is_err());
    }

    #[test]
    fn a_logo_is_a_png_or_a_clean_svg() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        assert_eq!(Logo::parse(png).unwrap().kind, LogoKind::Png);
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>"#;
        assert_eq!(Logo::parse(svg.to_vec()).unwrap().kind, LogoKind::Svg);
        for bad in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>"#,
            r#"<svg><a href="javascript:alert(1)"><rect/></a></svg>"#,
        ] {
            assert_eq!(Logo::parse(bad.as_bytes().to_vec()).unwrap_err().code, "logo_script", "{bad}");
        }
        assert_eq!(Logo::parse(b"GIF89a".to_vec()).unwrap_err().code, "logo_type");
        assert_eq!(Logo::parse(vec![b' '; MAX_LOGO_BYTES + 1]).unwrap_err().code, "logo_too_large");
    }

    #[test]
    fn the_darker_shade_keeps_the_hue() {
        let c = Colour::parse("#0b4f6c").unwrap();
        let d = c.darker(0.25);
        assert!(d.r <= c.r && d.g < c.g && d.b < c.b);
        assert!(contrast_ratio(d, WHITE) > contrast_ratio(c, WHITE));
    }
}
