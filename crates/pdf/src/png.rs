//! A small PNG reader for the installation's logo (PNG, ISO/IEC 15948): 8-bit greyscale, RGB,
//! greyscale with alpha and RGBA, not interlaced. It inflates the image data, undoes the five
//! scanline filters (section 9) and splits off the alpha channel, which PDF draws as a soft
//! mask. Anything else (palettes, 16-bit, interlacing, a broken file) gives `None`, and the
//! document is drawn without the logo.

/// Decoded pixels: colour samples (1 or 3 per pixel) and, when the image has them, alpha.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pixels {
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// 1 (grey) or 3 (RGB) samples per pixel.
    pub(crate) channels: u8,
    pub(crate) colour: Vec<u8>,
    pub(crate) alpha: Option<Vec<u8>>,
}

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// The largest logo drawn, in pixels, so that a hostile file cannot ask for gigabytes.
const MAX_PIXELS: u64 = 4_000_000;

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

pub(crate) fn decode(png: &[u8]) -> Option<Pixels> {
    let rest = png.strip_prefix(SIGNATURE)?;
    let (mut at, mut header, mut data) = (0usize, None, Vec::new());
    while at + 8 <= rest.len() {
        let len = u32_at(rest, at)? as usize;
        let kind = rest.get(at + 4..at + 8)?;
        let body = rest.get(at + 8..at + 8 + len)?;
        match kind {
            b"IHDR" => {
                header = Some((u32_at(body, 0)?, u32_at(body, 4)?, *body.get(8)?, *body.get(9)?, *body.get(12)?))
            }
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    let (width, height, depth, colour_type, interlace) = header?;
    let samples = match colour_type {
        0 => 1,
        2 => 3,
        4 => 2,
        6 => 4,
        _ => return None,
    };
    if depth != 8 || interlace != 0 || width == 0 || height == 0 || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return None;
    }
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&data).ok()?;
    let stride = width as usize * samples;
    if raw.len() < (stride + 1) * height as usize {
        return None;
    }
    let mut pixels = vec![0u8; stride * height as usize];
    for y in 0..height as usize {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= samples { pixels[y * stride + x - samples] } else { 0 };
            let b = if y > 0 { pixels[(y - 1) * stride + x] } else { 0 };
            let c = if x >= samples && y > 0 { pixels[(y - 1) * stride + x - samples] } else { 0 };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                _ => return None,
            };
            pixels[y * stride + x] = line[x].wrapping_add(predicted);
        }
    }
    let channels = if samples >= 3 { 3 } else { 1 };
    if samples == channels {
        return Some(Pixels { width, height, channels: channels as u8, colour: pixels, alpha: None });
    }
    let mut colour = Vec::with_capacity(pixels.len());
    let mut alpha = Vec::with_capacity(pixels.len() / samples);
    for px in pixels.chunks_exact(samples) {
        colour.extend_from_slice(&px[..channels]);
        alpha.push(px[channels]);
    }
    Some(Pixels { width, height, channels: channels as u8, colour, alpha: Some(alpha) })
}

/// The Paeth predictor (PNG section 9.4).
fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = ((p - i16::from(a)).abs(), (p - i16::from(b)).abs(), (p - i16::from(c)).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PNG of `w`×`h` RGBA pixels, each row with filter `filter` applied by hand for filters
    /// 0 and 1 (enough to check the reader undoes them).
    pub(crate) fn rgba_png(w: u32, h: u32, px: &[[u8; 4]], filter: u8) -> Vec<u8> {
        let mut raw = Vec::new();
        for y in 0..h as usize {
            raw.push(filter);
            for x in 0..w as usize {
                let p = px[y * w as usize + x];
                let left = if x > 0 { px[y * w as usize + x - 1] } else { [0; 4] };
                for i in 0..4 {
                    raw.push(if filter == 1 { p[i].wrapping_sub(left[i]) } else { p[i] });
                }
            }
        }
        let chunk = |kind: &[u8], body: &[u8]| {
            let mut c = (body.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(body);
            c.extend_from_slice(&[0, 0, 0, 0]); // CRC: not checked by the reader
            c
        };
        let mut ihdr = w.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        let mut png = SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &ihdr));
        png.extend(chunk(b"IDAT", &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6)));
        png.extend(chunk(b"IEND", &[]));
        png
    }

    #[test]
    fn rgba_is_split_into_colour_and_alpha_whatever_the_filter() {
        let px = [[11, 79, 108, 255], [255, 255, 255, 0], [0, 87, 63, 128], [1, 2, 3, 4]];
        for filter in [0, 1] {
            let p = decode(&rgba_png(2, 2, &px, filter)).unwrap();
            assert_eq!((p.width, p.height, p.channels), (2, 2, 3));
            assert_eq!(p.colour, vec![11, 79, 108, 255, 255, 255, 0, 87, 63, 1, 2, 3]);
            assert_eq!(p.alpha, Some(vec![255, 0, 128, 4]));
        }
    }

    #[test]
    fn what_it_cannot_read_is_none() {
        assert!(decode(b"GIF89a").is_none());
        let mut png = rgba_png(1, 1, &[[0, 0, 0, 0]], 0);
        png.truncate(png.len() - 20);
        assert!(decode(&png).is_none());
        assert_eq!(paeth(10, 20, 15), 15);
    }
}
