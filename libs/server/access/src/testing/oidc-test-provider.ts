import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID provider (the `oidc-provider` package) on loopback, for the sign-in tests. Whoever signs in is the
 * account named by `signInAs` (the login interaction is finished at once, consent is granted by
 * loadExistingGrant); each account's claims are what the test sets. `tamperIdToken`, when set, replaces the ID
 * token the token endpoint answers (re-signed with another key, another audience, …): the provider stays real, only
 * its answer is changed on the way out.
 */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's signing key (private JWK, with kid and alg): to sign a token as the provider would. */
  signingKey: JWK;
  accounts: Map<string, Record<string, unknown>>;
  signInAs: string;
  tamperIdToken?: (idToken: string) => Promise<string>;
  /** Registers the client's redirect URI (known once the API listens). */
  start(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * Listens first (the issuer URL has a port), then `start(redirectUri)` creates the provider for that client.
 * `issuerHost` `localhost` puts the provider on another site than an API on 127.0.0.1, as a real provider is (the
 * browser test needs the cross-site redirect back).
 */
export async function listenTestOidcProvider({ issuerHost = '127.0.0.1' }: { issuerHost?: '127.0.0.1' | 'localhost' } = {}): Promise<TestOidcProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${issuerHost}:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: 'test-provider-key', alg: 'RS256', use: 'sig' };

  const fixture: TestOidcProvider = {
    issuer,
    clientId: 'amanah-kpi-dashboard',
    clientSecret: 'a-client-secret-for-tests-only-0123456789',
    signingKey,
    accounts: new Map(),
    signInAs: '',
    start(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: fixture.clientId,
            client_secret: fixture.clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        jwks: { keys: [signingKey] },
        cookies: { keys: ['test-provider-cookie-key'] },
        // The claims of every granted scope go into the ID token (the ministry's provider is configured the same way).
        conformIdTokenClaims: false,
        claims: { openid: ['sub', 'kpi_role', 'kpi_amanahs'], profile: ['name'] },
        features: { devInteractions: { enabled: false } },
        pkce: { required: () => true },
        // Explicit lifetimes (the defaults print a notice at every use).
        ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        findAccount: (_ctx, id) => {
          const claims = fixture.accounts.get(id);
          return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
        },
        // Auto-consent: the dashboard is the ministry's own client.
        loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
          const accountId = ctx.oidc.session?.accountId;
          const clientId = ctx.oidc.client?.clientId;
          if (!accountId || !clientId) return undefined;
          const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
          grant.addOIDCScope('openid profile');
          await grant.save();
          return grant;
        },
      });
      provider.use(async (ctx, next) => {
        await next();
        const body = ctx.body as { id_token?: string } | undefined;
        if (ctx.path === '/token' && fixture.tamperIdToken && body?.id_token) body.id_token = await fixture.tamperIdToken(body.id_token);
      });
      const callback = provider.callback();
      handler = (req, res) => {
        if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
        // The login "form": the account the test chose signs in at once.
        void provider
          .interactionFinished(req, res, { login: { accountId: fixture.signInAs } }, { mergeWithLastSubmission: false })
          .catch((error: unknown) => res.writeHead(500).end(String(error)));
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fixture;
}

/**
 * A browser's part in the redirects: follows them with fetch, keeping each origin's cookies (enough for the API's
 * and the provider's cookies here; paths and expiry beyond Max-Age=0 are not modelled). Answers the last response
 * its URL, and the cookies of each origin.
 */
export async function followRedirects(start: string, jar = new Map<string, Map<string, string>>()): Promise<{ response: Response; url: string; cookies: (origin: string) => string }> {
  let url = start;
  for (let hop = 0; hop < 20; hop++) {
    const origin = new URL(url).origin;
    const cookies = jar.get(origin) ?? new Map<string, string>();
    jar.set(origin, cookies);
    const header = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: header ? { cookie: header } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0(;|$)/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return { response, url, cookies: (of) => [...(jar.get(of) ?? [])].map(([name, value]) => `${name}=${value}`).join('; ') };
    }
    url = new URL(location, url).href;
  }
  throw new Error(`more than 20 redirects from ${start}`);
}
