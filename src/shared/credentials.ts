/**
 * Which header values are credentials. Kept free of zod (and of any other import) because the
 * renderer needs it too: importing profile.ts there would bundle zod, whose eval probe the CSP
 * reports.
 */

/**
 * Headers whose value is a credential: Authorization, Proxy-Authorization, Cookie, X-Api-Key and
 * anything with `token`, `secret`, `key`, `auth`, `passw`, `session` or `credential` in its name.
 * Their values live in the secret store, bound to the backend (src/core/profileSecrets.ts);
 * profiles.json keeps the name with an empty value.
 */
export function isSecretHeaderName(name: string): boolean {
  const n = name.trim().toLowerCase()
  return n === 'cookie' || /token|secret|key|auth|passw|session|credential/.test(n)
}
