// A real OpenID Connect provider (the `oidc-provider` package, certified by the OpenID
// Foundation) for the HTTP and browser tests: they start it, sign in through it and check what
// Samverkan does with its answers. It listens on 127.0.0.1 on a free port and prints
// `issuer <url>` on its first line of output once it answers.
//
// Environment:
//   CLIENTS         JSON: [{"client_id", "client_secret", "redirect_uris": [..]}]
//   CLOCK_START     Unix seconds the provider's clock reads at start (it runs on from there), so
//                   that its tokens agree with the fixed clock of the server under test
//   ID_TOKEN_TTL    seconds an ID token is valid (default 600)
//   JWKS_MISMATCH   "1": the published key set holds a different key under the signing key's
//                   id, so every signature the provider makes fails verification (the case of
//                   a token signed by a key that is not the issuer's)
//
// Sign-in: the login page takes any e-mail address (and any password); the account's claims
// are that address, `email_verified` true unless the address starts with "overifierad", and a
// name made from the address.

import http from 'node:http';
import crypto from 'node:crypto';

const start = Number(process.env.CLOCK_START || 0);
if (start > 0) {
  const RealDate = Date;
  const shift = start * 1000 - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...args);
    }
    static now() {
      return RealDate.now() + shift;
    }
  }
  globalThis.Date = ShiftedDate;
}

const { default: Provider } = await import('oidc-provider');

function signingKey(kid) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

function publicPart({ kty, n, e, kid, alg, use }) {
  return { kty, n, e, kid, alg, use };
}

const key = signingKey('test-key-1');
const clients = JSON.parse(process.env.CLIENTS || '[]').map((c) => ({
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  ...c,
}));

function nameOf(email) {
  const local = email.split('@')[0].replace(/[._-]+/g, ' ');
  return local.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [key] },
  pkce: { required: () => true },
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: {
    devInteractions: { enabled: false },
    // Signing out at the provider (RP-Initiated Logout): a plain page asking to confirm, as
    // accessible as the login page, with the provider's own form (and its xsrf field).
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Testleverantören: logga ut', `<p>Vill du logga ut från testleverantören?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Logga ut</button>
<button type="submit" form="op.logoutForm">Stanna inloggad</button>`);
      },
    },
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  ttl: {
    IdToken: Number(process.env.ID_TOKEN_TTL || 600),
    AccessToken: 600,
    AuthorizationCode: 60,
    Interaction: 3600,
    Session: 3600,
    Grant: 3600,
  },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: !id.startsWith('overifierad'), name: nameOf(id) };
      },
    };
  },
});

async function formBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page of the provider's own: Swedish, a skip link, a main landmark and a heading. */
function page(title, main) {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Testleverantören</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<a href="#main">Till innehållet</a><main id="main">
<h1>${title}</h1>${main}</main></body></html>`;
}

function loginPage(uid, why) {
  return page('Testleverantören: logga in', `<p>${escape(why)}</p>
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">E-post</label> <input id="login" name="login" type="email" autocomplete="username" required>
<label for="password">Lösenord</label> <input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Logga in</button></form>`);
}

// The provider's own routes, with the login and consent steps it leaves to its host; cookies
// become session cookies, since its shifted clock may date their expiry in the browser's past.
provider.use(async (ctx, next) => {
  const m = ctx.path.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!m) {
    await next();
    if (process.env.JWKS_MISMATCH === '1' && ctx.path === '/jwks') {
      ctx.body = { keys: [publicPart(signingKey(key.kid))] };
    }
  } else if (m[2] && ctx.method === 'POST') {
    const form = await formBody(ctx.req);
    const login = (form.get('login') || '').trim().toLowerCase();
    if (!login.includes('@')) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = loginPage(m[1], 'Ange en e-postadress.');
    } else {
      const to = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: login } }, {
        mergeWithLastSubmission: false,
      });
      ctx.redirect(to);
    }
  } else {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.prompt.name === 'login') {
      ctx.type = 'html';
      ctx.body = loginPage(m[1], `Inloggning för ${details.params.client_id}.`);
    } else {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      const missing = details.prompt.details;
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      const to = await provider.interactionResult(ctx.req, ctx.res, { consent: { grantId } }, {
        mergeWithLastSubmission: true,
      });
      ctx.redirect(to);
    }
  }
  const cookies = ctx.response.get('set-cookie');
  if (Array.isArray(cookies) && cookies.length > 0) {
    ctx.set('set-cookie', cookies.map((c) => c.replace(/;\s*expires=[^;]*/gi, '').replace(/;\s*max-age=[^;]*/gi, '')));
  }
});

server.on('request', provider.callback());
process.stdout.write(`issuer ${issuer}\n`);
process.on('SIGTERM', () => process.exit(0));
