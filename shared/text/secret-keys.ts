/**
 * Whether a variable's name says its value is a secret: a password, a token, a key, a credential.
 * Used to mask values in the inspector, to keep them out of exports, and to register them with the
 * main side's log and trace filters. Names are split into words (at `_`, `-`, `.` and camelCase);
 * long words count anywhere (`DBPASSWORD`), short ones only as a whole word (`SSH_KEY`, not
 * `KEYCLOAK_URL`).
 */
const ANYWHERE = [
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'CREDENTIAL',
  'APIKEY',
  'PRIVATEKEY',
  'ACCESSKEY',
  'CLIENTKEY',
  'SIGNINGKEY',
  'ENCRYPTIONKEY',
];
const WORDS = new Set(['PASS', 'PWD', 'KEY', 'AUTH', 'COOKIE', 'SALT', 'PEPPER', 'DSN', 'CREDS', 'PAT']);

export function isSecretKey(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  if (words.some((word) => WORDS.has(word))) return true;
  const joined = words.join('');
  return ANYWHERE.some((word) => joined.includes(word));
}

/**
 * The secret part of a URL's user information (`scheme://user:secret@host`): the password, or a
 * lone user name (`https://TOKEN@host`, a common way to pass a token). Undefined when there is none.
 */
export function urlCredential(text: string): string | undefined {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#@\s]*)@/.exec(text.trim());
  if (!match?.[1]) return undefined;
  const info = match[1];
  const colon = info.indexOf(':');
  const secret = colon === -1 ? info : info.slice(colon + 1);
  if (secret === '') return undefined;
  try {
    return decodeURIComponent(secret);
  } catch {
    return secret;
  }
}

/** A URL without its user information, to show or log (`http://user:pw@host/x` -> `http://host/x`). */
export function withoutCredentials(text: string): string {
  return text.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#@\s]*@/, '$1');
}
