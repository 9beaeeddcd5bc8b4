import * as z from '../schemas/zod';
import { Email } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

/**
 * The winery's sender (`settings.email.from`), as people write it in a mail program: an address
 * (`wine@example.com`) or a name with it (`Hillside Cellars <wine@example.com>`, the name quoted
 * when it holds punctuation: `"Hillside Cellars, Inc." <wine@example.com>`). It is stored as
 * written, so `GET` gives back what `PUT` took; emails are sent from the address, under the
 * given name (or the winery's name when none is given).
 */
export interface Sender {
  /** The display name, unquoted; null when only an address was written. */
  readonly name: string | null;
  readonly address: string;
}

/** `Name <address>` or `"Name" <address>` (a quoted name may escape `"` and `\` with `\`). */
const NAMED = /^(?:"((?:[^"\\\r\n]|\\[^\r\n])*)"|([^"<>\r\n]*?))\s*<([^<>\s]+)>$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The name and address of a sender as written, or null when it has neither shape; the address
 * itself is not checked. For a value `SenderText` took: it needs no schema, so an email's sender
 * costs the notifications function no zod.
 */
export function splitSender(text: string): Sender | null {
  const trimmed = text.trim();
  const named = NAMED.exec(trimmed);
  if (!named) return { name: null, address: trimmed };
  const name = (named[1] !== undefined ? named[1].replace(/\\(.)/g, '$1') : named[2]!).trim();
  if (CONTROL.test(name) || name.length > 100) return null;
  return { name: name === '' ? null : name, address: named[3]! };
}

/** The sender as written, or null when it is neither an address nor a name with one. */
export function parseSender(text: string): Sender | null {
  const sender = splitSender(text);
  return sender && Email.safeParse(sender.address).success ? sender : null;
}

export const SenderText = /* @__PURE__ */ lazySchema(() => z.meta(
  z.string().check(
    z.trim(),
    z.maxLength(400),
    z.refine((text) => parseSender(text) !== null, 'must be an email address, or a name with one: Hillside Cellars <wine@example.com>'),
  ),
  { description: 'An address, or a name with it (`Hillside Cellars <wine@example.com>`); the address must be a verified SES identity.' },
));
