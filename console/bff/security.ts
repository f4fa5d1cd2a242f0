import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * The console's browser-facing defences, in one place:
 * - a strict Content-Security-Policy: scripts and styles from this origin only (the one style element
 *   DSFR writes carries this response's nonce), no inline script, no frame, no plug-in, no base change;
 * - CSRF: every POST must come from this very origin (Origin, else Sec-Fetch-Site) and, once signed in,
 *   carry the session's CSRF token in `x-csrf-token` (a synchronizer token, kept server-side);
 * - the usual hardening headers.
 */
export function securityHeaders(production: boolean) {
  return (_request: Request, response: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64');
    response.locals.nonce = nonce;
    response.setHeader(
      'content-security-policy',
      [
        "default-src 'none'",
        "script-src 'self'",
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
      ].join('; '),
    );
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('x-frame-options', 'DENY');
    response.setHeader('cross-origin-opener-policy', 'same-origin');
    response.setHeader('cross-origin-resource-policy', 'same-origin');
    response.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (production) response.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
    next();
  };
}

/**
 * Whether a request comes from a page of this origin. Browsers send `Origin` on every POST made by
 * fetch or a form; a cross-site page cannot forge it. Without it, `Sec-Fetch-Site` must say
 * same-origin; a request with neither (not from a browser) is refused too.
 */
export function fromThisOrigin(request: Request, publicOrigin: string | undefined): boolean {
  const expected = publicOrigin ?? `${request.protocol}://${request.get('host')}`;
  const origin = request.get('origin');
  if (origin !== undefined) return origin === expected;
  return request.get('sec-fetch-site') === 'same-origin';
}

/** Constant-time comparison of the request's CSRF token with the session's. */
export function csrfTokenMatches(sent: string | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
