// A URL may carry a user and password (`http://ops:secret@prometheus`): they
// are never printed. Every place that shows a target (dry runs, the audit log,
// `config show`, error messages, the console) shows it through here.

/**
 * `http://ops:***@host:9090/path`; a URL without a password is returned as it
 * is. A database URL may carry it as a parameter too (`?password=…`).
 */
export function maskUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_m, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return colon < 0 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:***@`;
    })
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** Every URL inside a free text (an error message, a reason) masked. */
export function maskUrlsIn(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@]*@/gi, (m) => maskUrl(m));
}

/** The URL without its credentials, for a request line; the credentials apart. */
export function splitCredentials(url: string): { url: string; username?: string; password?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { url };
  }
  if (!u.username && !u.password) return { url };
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { url: u.toString().replace(/\/$/, url.endsWith('/') ? '/' : ''), ...(username ? { username } : {}), ...(password ? { password } : {}) };
}
