/**
 * What an app that embeds this page would configure.
 *
 * PUBLIC_KEYS: the Ed25519 public keys the library's releases are signed
 * with, as `ed25519:<base64>` (what `reflib build --sign` prints). With
 * none, the page still checks every file's SHA-256 against the release's
 * manifest, but nothing proves who published the release, and it says so.
 *
 * For a demonstration, `?key=ed25519:…` in the page's URL (repeatable)
 * replaces this list. Do not copy that into an app: whoever hands a reader
 * a link would choose the key the data is checked against. Ship the keys in
 * the app, here, and drop the parameter.
 */
export const PUBLIC_KEYS = [];
