// The feed checks of lib/feeds.mjs against the writers' own output: fixtures/sample.ics and
// fixtures/sample.atom are byte for byte what crates/feeds/src/{ical,atom}.rs write (a Rust
// unit test compares them with include_str!, so they cannot drift). Broken variants of them must
// fail the checks. No server or browser is needed.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { assertValidAtom, assertValidICalendar, assertRfc3339, ATOM_NS } from '../lib/feeds.mjs';

const fixture = (name) => fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const ICS = fixture('sample.ics');
const ATOM = fixture('sample.atom');

describe('iCalendar from the Rust writer', () => {
  it('parses with ical.js and passes every check', () => {
    const cal = assertValidICalendar(ICS);
    assert.equal(cal.getFirstPropertyValue('prodid'), '-//Samverkan//Samverkan//SV');
    assert.equal(cal.getFirstPropertyValue('x-wr-calname'), 'Samverkan – möten i Jönköpings län');
    assert.equal(cal.getAllSubcomponents('vevent').length, 2);
  });

  it('keeps escaped and folded text intact', () => {
    const [meeting] = new ICAL.Component(ICAL.parse(ICS)).getAllSubcomponents('vevent');
    assert.equal(meeting.getFirstPropertyValue('summary'), 'Samverkansråd: budget, mål; uppföljning');
    assert.equal(
      meeting.getFirstPropertyValue('description'),
      'Dagordning:\n1. Öppnande\n2. Val av justerare, protokoll\n3. Årsbudget för länsövergripande samverkan '
        + '– förslag från beredningsgruppen\\arbetsutskottet',
    );
    assert.equal(meeting.getFirstPropertyValue('location'), 'Stora salen, Regionens hus, Jönköping');
  });

  it('places the timed meeting at the right instant and the cancelled one on its day', () => {
    const cal = new ICAL.Component(ICAL.parse(ICS));
    ICAL.TimezoneService.reset();
    for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const [meeting, workshop] = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    assert.equal(meeting.startDate.toJSDate().toISOString(), '2025-03-12T12:00:00.000Z');
    assert.equal(meeting.endDate.toJSDate().toISOString(), '2025-03-12T14:30:00.000Z');
    assert.equal(meeting.component.getFirstPropertyValue('sequence'), 2);
    assert.ok(workshop.startDate.isDate);
    assert.equal(workshop.startDate.toString(), '2025-06-05');
    assert.equal(workshop.endDate.toString(), '2025-06-06');
    assert.equal(workshop.component.getFirstPropertyValue('status'), 'CANCELLED');
    ICAL.TimezoneService.reset();
  });

  it('accepts a line of exactly 75 octets, folds included', () => {
    const line = `SUMMARY:${'å'.repeat(33)}x`;
    assert.equal(Buffer.byteLength(line), 75);
    assertValidICalendar(ICS.replace(/SUMMARY:Läns[^\r]*/, line));
    assertValidICalendar(ICS.replace(/SUMMARY:Läns[^\r]*/, `SUMMARY:${'x'.repeat(67)}\r\n ${'ö'.repeat(37)}`));
  });

  // Each broken variant, and the reason it must be rejected for.
  const broken = {
    'LF line endings': [ICS.replaceAll('\r\n', '\n'), /must end with CRLF/],
    'a line of 76 octets': [ICS.replace(/SUMMARY:Läns[^\r]*/, `SUMMARY:${'x'.repeat(68)}`), /76 octets, at most 75/],
    'a missing UID': [ICS.replace('UID:meeting-43@samverkan.example.se\r\n', ''), /exactly one UID/],
    'a duplicate UID': [ICS.replace('meeting-43@', 'meeting-42@'), /not unique/],
    'a missing DTSTAMP': [ICS.replace(/DTSTAMP:[^\r]*\r\n(?![\s\S]*DTSTAMP)/, ''), /exactly one DTSTAMP/],
    'a missing SUMMARY': [ICS.replace(/SUMMARY:Läns[^\r]*\r\n/, ''), /exactly one SUMMARY/],
    'a missing PRODID': [ICS.replace(/PRODID:[^\r]*\r\n/, ''), /PRODID is required/],
    'a wrong VERSION': [ICS.replace('VERSION:2.0', 'VERSION:1.0'), /VERSION must be 2.0/],
    'no VTIMEZONE': [ICS.replace(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE\r\n/, ''), /VTIMEZONE Europe\/Stockholm is missing/],
    'a VTIMEZONE with the wrong rule': [ICS.replace('BYMONTH=3;BYDAY=-1SU', 'BYMONTH=4;BYDAY=1SU'), /different UTC instant/],
    'a VTIMEZONE with the wrong offset': [ICS.replace('TZOFFSETTO:+0200', 'TZOFFSETTO:+0300'), /different UTC instant/],
    'an end before the start': [ICS.replace('20250312T153000', '20250312T120000'), /DTEND must be after DTSTART/],
    'a syntax error': [ICS.replace('SEQUENCE:2', 'SEQUENCE 2'), /invalid line/],
  };
  for (const [what, [text, reason]] of Object.entries(broken)) {
    it(`rejects ${what}`, () => {
      assert.notEqual(text, ICS, 'the fixture did not change');
      assert.throws(() => assertValidICalendar(text), reason);
    });
  }
});

describe('Atom from the Rust writer', () => {
  it('parses as XML and passes every check', () => {
    const doc = assertValidAtom(ATOM);
    const entries = doc.documentElement.getElementsByTagNameNS(ATOM_NS, 'entry');
    assert.equal(entries.length, 2);
    const title = entries[0].getElementsByTagNameNS(ATOM_NS, 'title')[0].textContent;
    assert.equal(title, 'Samverkansråd 12 mars: budget & mål');
    const summary = entries[0].getElementsByTagNameNS(ATOM_NS, 'summary')[0].textContent;
    assert.equal(summary, 'Dagordningen är publicerad.\nPunkt 3: årsbudget <förslag> från "beredningsgruppen".');
    const link = entries[0].getElementsByTagNameNS(ATOM_NS, 'link')[0].getAttribute('href');
    assert.equal(link, 'https://samverkan.example.se/moten/42?visa=protokoll&sprak=sv');
  });

  it('accepts only RFC 3339 date-times', () => {
    for (const ok of ['2025-03-10T08:00:00Z', '2025-03-10T09:00:00.5+01:00', '2016-12-31T23:59:60Z', '2024-02-29T12:00:00-05:30']) {
      assertRfc3339(ok, 'ok');
    }
    for (const bad of ['2025-03-10', '2025-03-10 08:00:00Z', '2025-02-30T08:00:00Z', '2025-03-10T24:00:00Z',
      '2025-03-10T08:00:00', '10 Mar 2025 08:00:00 GMT', '']) {
      assert.throws(() => assertRfc3339(bad, 'bad'), undefined, bad);
    }
  });

  // Each broken variant, and the reason it must be rejected for.
  const broken = {
    'malformed XML': [ATOM.replace('</entry>', ''), /tag mismatch/],
    'an unescaped ampersand': [ATOM.replace('&amp;', '&'), /does not start a reference/],
    'an unknown entity': [ATOM.replace('&amp;', '&nbsp;'), /entity not found/],
    'a control character': [ATOM.replace('Nytt datum', 'Nytt\u0001datum'), /cannot contain U\+0001/],
    'a reference to NUL': [ATOM.replace('Nytt datum', 'Nytt&#0;datum'), /&#0; is not a character/],
    'a stray CDATA end': [ATOM.replace('Nytt datum', 'Nytt ]]> datum'), /outside a CDATA/],
    'the wrong namespace': [ATOM.replace('http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#'), /Atom namespace/],
    'no xml:lang': [ATOM.replace(' xml:lang="sv"', ''), /xml:lang/],
    'no feed id': [ATOM.replace(/ {2}<id>[^<]*<\/id>\n/, ''), /feed: exactly one atom:id/],
    'no self link': [ATOM.replace(/ {2}<link rel="self"[^>]*\/>\n/, ''), /rel="self"/],
    'a feed date that is not RFC 3339': [ATOM.replace('2025-03-10T08:00:00Z', '2025-03-10 08:00'), /feed updated: .* RFC 3339/],
    'an entry without updated': [ATOM.replace(/ {4}<updated>2025-05-20[^<]*<\/updated>\n/, ''), /entry 2: exactly one atom:updated/],
    'an entry without a link': [ATOM.replace(/ {4}<link rel="alternate" type="text\/html" href="[^"]*43"\/>\n/, ''), /entry 2: a link rel="alternate"/],
    'an entry without a title': [ATOM.replace(/ {4}<title type="text">Workshop[^<]*<\/title>\n/, ''), /entry 2: exactly one atom:title/],
    'duplicate entry ids': [ATOM.replace('moten/43</id>', 'moten/42</id>'), /entry 2: id .* not unique/],
    'no author anywhere': [ATOM.replace(/ {2}<author>\n {4}<name>Samverkan<\/name>\n {2}<\/author>\n/, ''), /entry 2: no author/],
  };
  for (const [what, [text, reason]] of Object.entries(broken)) {
    it(`rejects ${what}`, () => {
      assert.notEqual(text, ATOM, 'the fixture did not change');
      assert.throws(() => assertValidAtom(text), reason);
    });
  }
});
