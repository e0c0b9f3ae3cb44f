/** The session cookie's name; `__Host-` (Secure, no Domain, Path=/) whenever the app is served over HTTPS. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-authjs.session-token" : "authjs.session-token";
}
