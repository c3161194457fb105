/**
 * The security headers the web chat page and its assets are served with. The CSP allows only this origin's
 * own files: no inline script or style, no frames, and (Trusted Types) no HTML string sinks, so a bot reply can
 * only ever become text in the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // blob: for the images and files a bot sends, which the page turns into object URLs.
  "img-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  // Only a policy named default may exist. The chat creates none, so every HTML string sink throws there; the
  // dashboard's lets exactly the empty string through (ECharts clears its container with innerHTML = '').
  'trusted-types default',
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
});
