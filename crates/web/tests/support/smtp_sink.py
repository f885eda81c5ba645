#!/usr/bin/env python3
"""A real SMTP server for the mail tests (aiosmtpd): listens on 127.0.0.1:PORT and writes each
message it accepts to DIR as N.eml (the bytes received) and N.json (its headers and parts as
Python's e-mail parser reads them). Recipients starting with "avvisad" are refused with 550, so
a test can see a server's refusal recorded. Prints "ready" once it listens.

    python3 smtp_sink.py PORT DIR                        plain SMTP
    python3 smtp_sink.py PORT DIR starttls CERT KEY      STARTTLS required, then AUTH
    python3 smtp_sink.py PORT DIR tls CERT KEY           TLS from the first byte, then AUTH

With TLS the server accepts the login samverkan / hemligt (and only over TLS) and records the
user that logged in as "auth_user".

Every attached file is recorded under "attachments": its filename, full content type, size and
SHA-256; an iCalendar file (text/calendar) is also parsed with the `icalendar` package (PyPI) and
checked line by line (CRLF, at most 75 octets), its METHOD and events recorded under "calendar".
"""
import asyncio
import datetime
import hashlib
import json
import os
import ssl
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"samverkan" and auth_data.password == b"hemligt"
    return AuthResult(success=ok, auth_data=auth_data)


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("avvisad"):
            return "550 5.1.1 Mottagaren finns inte / no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        raw = envelope.original_content or envelope.content
        with open(base + ".eml.tmp", "wb") as f:
            f.write(raw)
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        parts = {}
        attachments = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            if part.get_filename() is not None:
                attachments.append(attachment(part))
            elif part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        summary = {
            "mail_from": envelope.mail_from,
            "auth_user": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": {k: str(v) for k, v in msg.items()},
            "raw_headers": {k: v for k, v in BytesParser(policy=policy.compat32).parsebytes(raw).items()},
            "parts": parts,
            "attachments": attachments,
        }
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False)
        os.replace(base + ".eml.tmp", base + ".eml")
        os.replace(base + ".json.tmp", base + ".json")
        return "250 2.0.0 Ok: queued as sink-%d" % self.count


def attachment(part):
    data = part.get_payload(decode=True)
    out = {
        "filename": part.get_filename(),
        "content_type": part.get("Content-Type"),
        "disposition": part.get_content_disposition(),
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    if part.get_content_type() == "text/calendar":
        try:
            out["calendar"] = calendar(data)
        except Exception as e:  # recorded, so the test says what the parser refused
            out["calendar"] = {"problems": ["icalendar refused it: %r" % e]}
    return out


def calendar(data):
    """The invitation as a strict reader sees it: well-formed lines, then icalendar's parse."""
    lines = data.split(b"\r\n")
    problems = []
    if lines[-1] != b"":
        problems.append("does not end in CRLF")
    for line in lines[:-1]:
        if len(line) > 75:
            problems.append("longer than 75 octets: %r" % line)
        if b"\n" in line or b"\r" in line:
            problems.append("bare CR or LF: %r" % line)
    from icalendar import Calendar

    cal = Calendar.from_ical(data.decode("utf-8"))
    events = []
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND") if "DTEND" in ev else None
        attendees = ev.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        events.append({
            "uid": str(ev["UID"]),
            "sequence": int(ev["SEQUENCE"]),
            "status": str(ev.get("STATUS")),
            "summary": str(ev.get("SUMMARY")),
            "location": str(ev["LOCATION"]) if "LOCATION" in ev else None,
            "dtstart": start.isoformat(),
            "dtstart_tzid": ev["DTSTART"].params.get("TZID"),
            "dtstart_utc": start.astimezone(datetime.timezone.utc).isoformat() if hasattr(start, "hour") else None,
            "dtend": end.isoformat() if end is not None else None,
            "dtstamp": ev.decoded("DTSTAMP").isoformat(),
            "organizer": str(ev.get("ORGANIZER")),
            "attendees": [str(a) for a in attendees],
        })
    return {
        "method": str(cal.get("METHOD")),
        "timezones": [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")],
        "events": events,
        "problems": problems,
    }


async def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    mode = sys.argv[3] if len(sys.argv) > 3 else "plain"
    kwargs = {}
    if mode != "plain":
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(sys.argv[4], sys.argv[5])
        kwargs = {"authenticator": authenticator, "auth_require_tls": True}
        if mode == "starttls":
            kwargs.update(tls_context=ctx, require_starttls=True)
        else:
            # The whole connection is TLS; aiosmtpd only knows of STARTTLS when it decides
            # whether to offer AUTH.
            kwargs.update(ssl_context=ctx, auth_require_tls=False)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print("ready", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    asyncio.run(main())
