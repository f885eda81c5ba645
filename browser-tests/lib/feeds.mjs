// Strict checks for the feeds Samverkan serves: iCalendar (RFC 5545), parsed with Mozilla's
// ical.js, and Atom (RFC 4287), parsed with @xmldom/xmldom as namespace-aware XML. Both throw an
// AssertionError naming the first problem. Use them on fixtures and on live responses alike:
//
//   import { assertValidICalendar, assertValidAtom } from '../lib/feeds.mjs';
//   assertValidICalendar(await (await fetch(url)).text());

import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import xmldom from '@xmldom/xmldom';

const { DOMParser } = xmldom;

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const STOCKHOLM = 'Europe/Stockholm';

// --- iCalendar ---------------------------------------------------------------------------

/** Physical lines: every one ends in CRLF (RFC 5545 3.1), none holds more than 75 octets. */
function assertLines(text) {
  assert.ok(text.endsWith('\r\n'), 'iCalendar must end with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  lines.forEach((line, i) => {
    assert.ok(!/[\r\n]/.test(line), `line ${i + 1}: bare CR or LF (lines must end with CRLF)`);
    const octets = Buffer.byteLength(line, 'utf8');
    assert.ok(octets <= 75, `line ${i + 1}: ${octets} octets, at most 75 allowed: ${JSON.stringify(line)}`);
  });
  assert.ok(!text.includes('\uFFFD'), 'a fold split a UTF-8 sequence (or the text has U+FFFD)');
}

/** The UTC offset, in minutes, of Europe/Stockholm at `utcMs`, from Node's ICU time-zone data. */
function icuOffsetMinutes(utcMs) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: STOCKHOLM, hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const p = Object.fromEntries(parts.map((x) => [x.type, Number(x.value)]));
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - utcMs) / 60000;
}

/** Local Stockholm wall time → UTC milliseconds, independently of ical.js. */
function stockholmToUtcMs({ year, month, day, hour, minute, second }) {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let utc = wall - icuOffsetMinutes(wall) * 60000;
  utc = wall - icuOffsetMinutes(utc) * 60000;
  return utc;
}

/** Converts a local time with the calendar's own VTIMEZONE and compares with ICU. */
function assertConverts(zone, local, what) {
  const t = new ICAL.Time({ ...local, isDate: false }, zone);
  const viaCalendar = t.toUnixTime() * 1000;
  const viaIcu = stockholmToUtcMs(local);
  assert.equal(
    new Date(viaCalendar).toISOString(), new Date(viaIcu).toISOString(),
    `${what}: the VTIMEZONE puts ${t.toString()} at a different UTC instant than Europe/Stockholm does`,
  );
}

/**
 * Parses `text` with ical.js (which throws on syntax errors) and checks what RFC 5545 and the
 * product require: CRLF, lines of at most 75 octets, VERSION 2.0 and PRODID, a VTIMEZONE for
 * Europe/Stockholm that agrees with the real zone, every VEVENT with UID, DTSTAMP, DTSTART and
 * SUMMARY, unique UIDs, UTC stamps, and local times that name a defined TZID.
 * Returns the parsed ICAL.Component.
 */
export function assertValidICalendar(text) {
  assert.equal(typeof text, 'string');
  assertLines(text);
  const jcal = ICAL.parse(text);
  assert.ok(Array.isArray(jcal) && jcal[0] === 'vcalendar', 'exactly one VCALENDAR expected');
  const cal = new ICAL.Component(jcal);
  assert.equal(cal.getFirstPropertyValue('version'), '2.0', 'VERSION must be 2.0');
  assert.ok(cal.getFirstPropertyValue('prodid'), 'PRODID is required');
  for (const name of ['version', 'prodid', 'calscale', 'method']) {
    assert.ok(cal.getAllProperties(name).length <= 1, `${name.toUpperCase()} appears more than once`);
  }

  const zones = new Map(cal.getAllSubcomponents('vtimezone').map((c) => {
    const tz = new ICAL.Timezone(c);
    return [tz.tzid, tz];
  }));
  const zone = zones.get(STOCKHOLM);
  assert.ok(zone, 'VTIMEZONE Europe/Stockholm is missing');
  // Winter, summer and the hours after both switches in two years.
  const probes = [
    [2025, 1, 15, 12], [2025, 3, 30, 1], [2025, 3, 30, 3], [2025, 7, 15, 12],
    [2025, 10, 26, 4], [2025, 12, 31, 23], [2026, 3, 29, 3], [2026, 10, 25, 1],
  ];
  for (const [year, month, day, hour] of probes) {
    assertConverts(zone, { year, month, day, hour, minute: 0, second: 0 }, 'probe');
  }

  const events = cal.getAllSubcomponents('vevent');
  const uids = new Set();
  events.forEach((ev, i) => {
    const where = `VEVENT ${i + 1}`;
    for (const name of ['uid', 'dtstamp', 'dtstart', 'summary']) {
      assert.equal(ev.getAllProperties(name).length, 1, `${where}: exactly one ${name.toUpperCase()} required`);
    }
    const uid = ev.getFirstPropertyValue('uid');
    assert.ok(uid, `${where}: empty UID`);
    assert.ok(!uids.has(uid), `${where}: UID ${uid} is not unique`);
    uids.add(uid);
    for (const name of ['dtstamp', 'last-modified']) {
      const v = ev.getFirstPropertyValue(name);
      if (v) assert.equal(v.zone, ICAL.Timezone.utcTimezone, `${where}: ${name.toUpperCase()} must be UTC`);
    }
    const start = ev.getFirstProperty('dtstart');
    const end = ev.getFirstProperty('dtend');
    if (end) {
      assert.equal(end.type, start.type, `${where}: DTEND and DTSTART must have the same value type`);
      assert.ok(end.getFirstValue().compare(start.getFirstValue()) > 0, `${where}: DTEND must be after DTSTART`);
    }
    for (const prop of [start, end].filter(Boolean)) {
      const tzid = prop.getParameter('tzid');
      if (!tzid) continue;
      const tz = zones.get(tzid);
      assert.ok(tz, `${where}: TZID ${tzid} has no VTIMEZONE`);
      const t = prop.getFirstValue();
      if (tzid === STOCKHOLM) {
        const { year, month, day, hour, minute, second } = t;
        assertConverts(tz, { year, month, day, hour, minute, second }, `${where} ${prop.name.toUpperCase()}`);
      }
    }
    const status = ev.getFirstPropertyValue('status');
    if (status) assert.match(status, /^(CONFIRMED|TENTATIVE|CANCELLED)$/, `${where}: bad STATUS`);
  });
  return cal;
}

// --- Atom ----------------------------------------------------------------------------------

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** An RFC 3339 date-time (RFC 4287 3.3): the form, and a real calendar date and time. */
export function assertRfc3339(value, what) {
  const m = RFC3339.exec(value ?? '');
  assert.ok(m, `${what}: ${JSON.stringify(value)} is not an RFC 3339 date-time`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ok = mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
    && h <= 23 && mi <= 59 && s <= 60 && (!m[9] || (Number(m[9]) <= 23 && Number(m[10]) <= 59));
  assert.ok(ok, `${what}: ${value} is not a real date and time`);
}

const XML_CHAR = /^[\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]$/u;

/**
 * The lexical rules of XML 1.0 that xmldom lets through: only `Char`s (production 2), every `&`
 * starts a reference (production 67) to a `Char`, and no `]]>` outside CDATA (production 14).
 */
function assertXmlLexicallyWellFormed(text) {
  for (const c of text) {
    assert.ok(XML_CHAR.test(c), `XML cannot contain U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  }
  const outsideCdata = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  assert.ok(!outsideCdata.includes(']]>'), 'XML: "]]>" outside a CDATA section');
  const bare = outsideCdata.replace(/&(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9A-Fa-f]+);/g, '').indexOf('&');
  assert.ok(bare < 0, 'XML: an "&" that does not start a reference (write &amp;)');
  for (const [, dec, hex] of outsideCdata.matchAll(/&#(?:([0-9]+)|x([0-9A-Fa-f]+));/g)) {
    const cp = dec !== undefined ? Number(dec) : parseInt(hex, 16);
    assert.ok(cp <= 0x10ffff && XML_CHAR.test(String.fromCodePoint(cp)), `XML: &#${dec ?? `x${hex}`}; is not a character`);
  }
}

function atomChildren(parent, name) {
  return Array.from(parent.childNodes)
    .filter((n) => n.nodeType === 1 && n.namespaceURI === ATOM_NS && n.localName === name);
}

function one(parent, name, where) {
  const found = atomChildren(parent, name);
  assert.equal(found.length, 1, `${where}: exactly one atom:${name} required, found ${found.length}`);
  return found[0];
}

function assertIri(value, what) {
  assert.match(value ?? '', /^[a-z][a-z0-9+.-]*:\S+$/i, `${what}: ${JSON.stringify(value)} is not an absolute IRI`);
}

function assertTextConstruct(el, what) {
  const type = el.getAttribute('type') || 'text';
  assert.ok(['text', 'html', 'xhtml'].includes(type), `${what}: bad type ${type}`);
  assert.ok(el.textContent.trim(), `${what}: empty`);
}

/**
 * Parses `text` as XML (any warning or error throws; the lexical rules xmldom tolerates are
 * checked first) and checks the Atom structure RFC 4287
 * requires: an atom:feed with id, title, updated, a link rel="self" and xml:lang; an author on
 * the feed unless every entry has one; each entry with id, title, updated and an alternate link;
 * unique entry ids; RFC 3339 dates. Returns the parsed Document.
 */
export function assertValidAtom(text) {
  assert.equal(typeof text, 'string');
  assertXmlLexicallyWellFormed(text);
  const doc = new DOMParser({
    onError(level, message) {
      throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(text, 'application/xml');
  const feed = doc.documentElement;
  assert.ok(feed, 'no root element');
  assert.equal(feed.namespaceURI, ATOM_NS, 'the root must be in the Atom namespace');
  assert.equal(feed.localName, 'feed', 'the root must be atom:feed');
  assert.ok(feed.getAttributeNS(XML_NS, 'lang'), 'the feed must carry xml:lang');

  assertIri(one(feed, 'id', 'feed').textContent.trim(), 'feed id');
  assertTextConstruct(one(feed, 'title', 'feed'), 'feed title');
  assertRfc3339(one(feed, 'updated', 'feed').textContent.trim(), 'feed updated');
  const links = atomChildren(feed, 'link');
  const self = links.filter((l) => l.getAttribute('rel') === 'self');
  assert.equal(self.length, 1, 'the feed needs exactly one link rel="self"');
  assertIri(self[0].getAttribute('href'), 'feed self link');
  const feedAuthors = atomChildren(feed, 'author');
  for (const a of feedAuthors) assert.ok(one(a, 'name', 'feed author').textContent.trim(), 'feed author: empty name');

  const ids = new Set();
  atomChildren(feed, 'entry').forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    const id = one(entry, 'id', where).textContent.trim();
    assertIri(id, `${where} id`);
    assert.ok(!ids.has(id), `${where}: id ${id} is not unique`);
    ids.add(id);
    assertTextConstruct(one(entry, 'title', where), `${where} title`);
    assertRfc3339(one(entry, 'updated', where).textContent.trim(), `${where} updated`);
    for (const p of atomChildren(entry, 'published')) assertRfc3339(p.textContent.trim(), `${where} published`);
    const alternate = atomChildren(entry, 'link').filter((l) => (l.getAttribute('rel') || 'alternate') === 'alternate');
    assert.ok(alternate.length >= 1, `${where}: a link rel="alternate" is required`);
    assertIri(alternate[0].getAttribute('href'), `${where} link`);
    const authors = atomChildren(entry, 'author');
    assert.ok(authors.length > 0 || feedAuthors.length > 0, `${where}: no author, and the feed names none`);
    for (const a of authors) assert.ok(one(a, 'name', `${where} author`).textContent.trim(), `${where}: empty author name`);
    for (const s of atomChildren(entry, 'summary')) assertTextConstruct(s, `${where} summary`);
  });
  return doc;
}
