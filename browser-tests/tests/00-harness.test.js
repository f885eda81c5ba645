'use strict';
// The checks themselves: a page with known faults must fail them, and a sound one must pass.
// Served by a tiny local HTTP server, so no Samverkan binary is needed here.

const assert = require('node:assert/strict');
const http = require('node:http');
const { describe, it, before, after } = require('node:test');
const { launchBrowser, Visitor } = require('../lib/browser');

const GOOD = `<!doctype html><html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Bra sida</title></head>
<body><a href="#main">Hoppa till huvudinnehållet</a><header><p>Sidhuvud</p></header>
<main id="main" tabindex="-1"><h1>Rubrik</h1><p>Text.</p></main></body></html>`;

const BAD = `<!doctype html><html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Dålig sida</title></head>
<body><main><h1>En</h1><h1>Två</h1><img src="/bild.png"><input type="text">
<p style="color:#bbb;background:#fff">Svag kontrast</p>
<div style="width:900px">Bred</div></main></body></html>`;

const WIDE = GOOD.replace('<p>Text.</p>', '<p>Text.</p><pre>en-mycket-lång-rad-som-inte-får-brytas-och-därför-skjuter-sidan-åt-sidan</pre>');

describe('page checks (harness self-test)', () => {
  let server;
  let baseURL;
  let browser;
  let v;

  before(async () => {
    server = http.createServer((req, res) => {
      const body = { '/bra': GOOD, '/dalig': BAD, '/bred': WIDE }[req.url];
      if (req.url === '/bild.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        return res.end(Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
          '1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex'));
      }
      res.writeHead(body ? 200 : 404, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'self'; script-src 'self'",
      });
      res.end(body || 'nej');
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    baseURL = `http://127.0.0.1:${server.address().port}`;
    browser = await launchBrowser();
    v = await Visitor.open(browser, baseURL, 'harness');
  });

  after(async () => {
    if (v) await v.close();
    if (browser) await browser.close();
    if (server) await new Promise((r) => server.close(r));
  });

  it('passes a sound page despite its strict CSP', async () => {
    await v.goto('/bra');
    await v.assertNoHorizontalScrollAt320('/bra');
    v.assertEveryPageChecked();
  });

  it('fails a page with axe violations, two h1 and no skip link', async () => {
    await assert.rejects(v.goto('/dalig'), (err) => {
      for (const part of ['image-alt', 'label', 'color-contrast', 'exactly one h1', 'skip link', 'target:', 'html:']) {
        assert.ok(err.message.includes(part), `"${part}" missing from:\n${err.message}`);
      }
      return true;
    });
  });

  it('fails a page that scrolls sideways at 320 px', async () => {
    // Sound at full width, but every page visited is also measured at 320 px.
    await assert.rejects(v.goto('/bred'), /scrolls horizontally at 320 px/);
    await assert.rejects(v.assertNoHorizontalScrollAt320('/bred'), /scrolls horizontally at 320 px/);
  });

  it('notices a page that was loaded but never checked', async () => {
    await v.page.goto(`${baseURL}/bra`);
    await v.page.goto(`${baseURL}/bra?igen`);
    assert.throws(() => v.assertEveryPageChecked(), /never checked/);
  });
});
