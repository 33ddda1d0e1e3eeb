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

/**
 * One `header_is_secret` field error per credential header whose value would be written to
 * profiles.json: a set value under a credential's name, unless `kept` (the stored profile's
 * headers) already holds that exact header, a 0.1 value kept on file because there was no keyring
 * to move it to. The profile store's last guard and the CLI's early refusal, alike.
 */
export function secretHeaderValueErrors(
  headers: readonly unknown[],
  kept: ReadonlyArray<{ name: string; value: string }> = []
): Array<{ field: string; code: 'header_is_secret'; params: { header: string } }> {
  return headers.flatMap((h, i) => {
    const header = h as { name?: unknown; value?: unknown } | null
    return header &&
      typeof header.name === 'string' &&
      typeof header.value === 'string' &&
      header.value !== '' &&
      isSecretHeaderName(header.name) &&
      !kept.some((k) => k.name === header.name && k.value === header.value)
      ? [
          {
            field: `contract.headers.${i}.value`,
            code: 'header_is_secret' as const,
            params: { header: header.name }
          }
        ]
      : []
  })
}
