//! A ZIP archive written as it goes, its entries stored without compression (ADR 54): each
//! entry is one chunk (local header and bytes) the response can send at once, the central
//! directory the last chunk. Stored entries need no deflate code, keep the files byte for byte
//! as registered (their SHA-256 checks out straight from the archive), and the PDFs and office
//! files a registry holds are compressed already. Names are UTF-8 (flag bit 11). Without ZIP64
//! an archive holds at most 65 535 entries and 4 GiB; `fits` checks a plan before streaming.

use time::Date;

/// The most entries and bytes an archive without ZIP64 may hold.
pub const MAX_ENTRIES: usize = 65_535;
pub const MAX_BYTES: u64 = u32::MAX as u64;

/// Whether `entries` entries of `bytes` bytes in total (with headers) fit in an archive.
pub fn fits(entries: usize, bytes: u64) -> bool {
    entries <= MAX_ENTRIES && bytes < MAX_BYTES
}

const fn table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

const CRC_TABLE: [u32; 256] = table();

/// CRC-32 (ISO 3309, the polynomial ZIP uses).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for b in bytes {
        c = CRC_TABLE[((c ^ u32::from(*b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

struct Central {
    name: Vec<u8>,
    crc: u32,
    size: u32,
    offset: u32,
}

/// The writer: `entry` returns each entry's bytes, `finish` the central directory.
pub struct ZipWriter {
    offset: u64,
    entries: Vec<Central>,
    dos_date: u16,
}

impl ZipWriter {
    /// Entries dated `day` (MS-DOS dates start in 1980).
    pub fn new(day: Date) -> ZipWriter {
        let year = (day.year().clamp(1980, 2107) - 1980) as u16;
        ZipWriter {
            offset: 0,
            entries: Vec::new(),
            dos_date: (year << 9) | ((day.month() as u16) << 5) | u16::from(day.day()),
        }
    }

    /// One stored entry: its local header followed by its bytes.
    pub fn entry(&mut self, name: &str, bytes: &[u8]) -> Vec<u8> {
        let crc = crc32(bytes);
        let size = bytes.len() as u32;
        let name_b = name.as_bytes().to_vec();
        let mut h = Vec::with_capacity(30 + name_b.len() + bytes.len());
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        h.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
        h.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
        h.extend_from_slice(&0u16.to_le_bytes()); // stored
        h.extend_from_slice(&0u16.to_le_bytes()); // time 00:00
        h.extend_from_slice(&self.dos_date.to_le_bytes());
        h.extend_from_slice(&crc.to_le_bytes());
        h.extend_from_slice(&size.to_le_bytes());
        h.extend_from_slice(&size.to_le_bytes());
        h.extend_from_slice(&(name_b.len() as u16).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(&name_b);
        h.extend_from_slice(bytes);
        self.entries.push(Central { name: name_b, crc, size, offset: self.offset as u32 });
        self.offset += h.len() as u64;
        h
    }

    /// The central directory and its end record.
    pub fn finish(self) -> Vec<u8> {
        let mut d = Vec::new();
        for e in &self.entries {
            d.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            d.extend_from_slice(&20u16.to_le_bytes()); // made by
            d.extend_from_slice(&20u16.to_le_bytes()); // needed
            d.extend_from_slice(&0x0800u16.to_le_bytes());
            d.extend_from_slice(&0u16.to_le_bytes());
            d.extend_from_slice(&0u16.to_le_bytes());
            d.extend_from_slice(&self.dos_date.to_le_bytes());
            d.extend_from_slice(&e.crc.to_le_bytes());
            d.extend_from_slice(&e.size.to_le_bytes());
            d.extend_from_slice(&e.size.to_le_bytes());
            d.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            d.extend_from_slice(&[0u8; 12]); // extra, comment, disk, internal and external attributes
            d.extend_from_slice(&e.offset.to_le_bytes());
            d.extend_from_slice(&e.name);
        }
        let n = self.entries.len() as u16;
        let mut end = d;
        let cd_size = end.len() as u32;
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        end.extend_from_slice(&[0u8; 4]); // this disk, the directory's disk
        end.extend_from_slice(&n.to_le_bytes());
        end.extend_from_slice(&n.to_le_bytes());
        end.extend_from_slice(&cd_size.to_le_bytes());
        end.extend_from_slice(&(self.offset as u32).to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn crc32_matches_the_check_value() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn an_archive_lists_its_entries_at_their_offsets() {
        let mut z = ZipWriter::new(date!(2026 - 12 - 06));
        let mut all = z.entry("erms.xml", b"<erms/>");
        all.extend(z.entry("files/å.pdf", b"%PDF"));
        let first_len = 30 + 8 + 7;
        all.extend(z.finish());
        let end = all.len() - 22;
        assert_eq!(&all[end..end + 4], &0x0605_4b50u32.to_le_bytes());
        assert_eq!(u16::from_le_bytes([all[end + 10], all[end + 11]]), 2);
        let cd = u32::from_le_bytes(all[end + 16..end + 20].try_into().unwrap()) as usize;
        // The second central entry points at the second local header.
        let second = cd + 46 + "erms.xml".len();
        let off = u32::from_le_bytes(all[second + 42..second + 46].try_into().unwrap()) as usize;
        assert_eq!(off, first_len);
        assert_eq!(&all[off..off + 4], &0x0403_4b50u32.to_le_bytes());
        assert!(fits(2, all.len() as u64) && !fits(MAX_ENTRIES + 1, 0));
    }
}
