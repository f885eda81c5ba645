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
"""
import asyncio
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
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        summary = {
            "mail_from": envelope.mail_from,
            "auth_user": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": {k: str(v) for k, v in msg.items()},
            "raw_headers": {k: v for k, v in BytesParser(policy=policy.compat32).parsebytes(raw).items()},
            "parts": parts,
        }
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False)
        os.replace(base + ".eml.tmp", base + ".eml")
        os.replace(base + ".json.tmp", base + ".json")
        return "250 2.0.0 Ok: queued as sink-%d" % self.count


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
