import { optionalEnv } from '../config';
import { formatMoney } from '../commerce/money';
import type { Settings } from '../settings/settings-schemas';
import { formatDate, formatInTimeZone } from '../settings/local-time';
import { splitSender } from '../settings/sender';
import { html, type SafeHtml } from './html';

/**
 * Email templates as code: subject, plain text and HTML for each email the platform sends,
 * rendered with the tenant's name and sender. Every value from data is escaped in the HTML
 * (see `html`), and stripped of line breaks in the subject.
 *
 * `category` decides who may receive it: `system` emails (account, club, order and
 * reservation emails) always go; `marketing` emails need the person's `permissions.email`.
 *
 * Times are shown in the winery's time zone (`settings.timeZone`, in `context.timeZone`) with
 * the zone's abbreviation, as the person will live them; calendar dates (`pausedUntil`) have
 * no zone and are shown as they are.
 */
export type EmailCategory = 'system' | 'marketing';

export interface OrderLineSummary {
  name: string;
  quantity: number;
}

/** What each template needs besides the common context. */
export interface TemplateData {
  welcome: Record<string, never>;
  'password-reset': Record<string, never>;
  'club-joined': { clubName: string | null };
  'club-paused': { clubName: string | null; pausedUntil: string | null };
  'club-pause-moved': { clubName: string | null; pausedUntil: string; previousPausedUntil: string | null };
  'club-resumed': { clubName: string | null };
  'club-cancelled': { clubName: string | null };
  'order-placed': { orderNumber: number | null; totalCents: number | null; lines: OrderLineSummary[] };
  'reservation-made': { experience: string | null; startsAt: string | null; partySize: number | null };
  'club-pause-scheduled': { clubName: string | null; from: string; until: string };
  'club-pause-unscheduled': { clubName: string | null; from: string };
  'club-membership-changed': { clubName: string | null; variantName: string | null; shippingPreference: string | null; pickupLocation: string | null };
  'club-gift-received': { clubName: string | null; giverName: string | null; message: string | null; endsOn: string | null };
  'club-gift-given': { clubName: string | null; recipientName: string | null; endsOn: string | null };
  'club-gift-ending': { clubName: string | null; endsOn: string | null; giverName: string | null };
  'club-gift-ending-giver': { clubName: string | null; endsOn: string | null; recipientName: string | null };
  'club-gift-ended': { clubName: string | null; giverName: string | null };
}
export type TemplateName = keyof TemplateData;
export const TEMPLATE_NAMES = [
  'welcome',
  'password-reset',
  'club-joined',
  'club-paused',
  'club-pause-moved',
  'club-resumed',
  'club-cancelled',
  'order-placed',
  'reservation-made',
  'club-pause-scheduled',
  'club-pause-unscheduled',
  'club-membership-changed',
  'club-gift-received',
  'club-gift-given',
  'club-gift-ending',
  'club-gift-ending-giver',
  'club-gift-ended',
] as const satisfies readonly TemplateName[];

/** The context every template gets. `link` is the one-time password link of the account emails. */
export interface TemplateContext {
  wineryName: string;
  firstName: string;
  currency: string;
  /** The winery's IANA time zone (`settings.timeZone`): every time in an email is shown in it. */
  timeZone: string;
  link?: string;
}

interface Body {
  subject: string;
  /** Paragraphs of the plain-text body (joined by blank lines). */
  text: string[];
  html: SafeHtml;
}

interface EmailTemplate<D> {
  readonly category: EmailCategory;
  /** Needs a one-time password link in `context.link`. */
  readonly needsLink?: boolean;
  readonly render: (context: TemplateContext, data: D) => Body;
}

type Templates = { readonly [K in TemplateName]: EmailTemplate<TemplateData[K]> };

/** A membership item may not carry its club's name: the wording then stays general. */
const club = (name: string | null) => name ?? 'our club';
const membershipOf = (name: string | null) => (name ? `${name} membership` : 'club membership');

export const templates: Templates = {
  welcome: {
    category: 'system',
    needsLink: true,
    render: (c) => ({
      subject: `Welcome to ${c.wineryName}`,
      text: [
        `Hello ${c.firstName},`,
        `${c.wineryName} has created an account for you. Choose your password here (the link works once, within 7 days):`,
        c.link!,
      ],
      html: html`<p>Hello ${c.firstName},</p>
<p>${c.wineryName} has created an account for you.</p>
<p><a href="${c.link}">Choose your password</a></p>
<p>The link works once, within 7 days.</p>`,
    }),
  },
  'password-reset': {
    category: 'system',
    needsLink: true,
    render: (c) => ({
      subject: `Reset your ${c.wineryName} password`,
      text: [
        `Hello ${c.firstName},`,
        'Someone asked to reset the password of your account. Choose a new one here (the link works once, within an hour):',
        c.link!,
        'If it was not you, ignore this email: your password stays as it is.',
      ],
      html: html`<p>Hello ${c.firstName},</p>
<p>Someone asked to reset the password of your account.</p>
<p><a href="${c.link}">Choose a new password</a></p>
<p>The link works once, within an hour. If it was not you, ignore this email: your password stays as it is.</p>`,
    }),
  },
  'club-joined': {
    category: 'system',
    render: (c, d) => ({
      subject: d.clubName ? `Welcome to ${d.clubName} at ${c.wineryName}` : `Welcome to the club at ${c.wineryName}`,
      text: [`Hello ${c.firstName},`, `You are now a member of ${club(d.clubName)}. We are glad to have you.`],
      html: html`<p>Hello ${c.firstName},</p>
<p>You are now a member of ${club(d.clubName)}. We are glad to have you.</p>`,
    }),
  },
  'club-paused': {
    category: 'system',
    render: (c, d) => {
      const paused = d.pausedUntil
        ? `Your membership of ${club(d.clubName)} is paused until ${readableDate(d.pausedUntil)}. It resumes by itself on that day.`
        : `Your membership of ${club(d.clubName)} is paused.`;
      return {
        subject: `Your ${membershipOf(d.clubName)} is paused`,
        text: [`Hello ${c.firstName},`, paused],
        html: html`<p>Hello ${c.firstName},</p>
<p>${paused}</p>`,
      };
    },
  },
  'club-pause-moved': {
    category: 'system',
    render: (c, d) => {
      const ends = readableDate(d.pausedUntil);
      const was = d.previousPausedUntil ? ` (it was ${readableDate(d.previousPausedUntil)})` : '';
      const moved = `Your membership of ${club(d.clubName)} stays paused: the pause now ends on ${ends}${was}. It resumes by itself on that day.`;
      return {
        subject: `Your ${membershipOf(d.clubName)} pause now ends on ${ends}`,
        text: [`Hello ${c.firstName},`, moved],
        html: html`<p>Hello ${c.firstName},</p>
<p>${moved}</p>`,
      };
    },
  },
  'club-resumed': {
    category: 'system',
    render: (c, d) => ({
      subject: `Your ${membershipOf(d.clubName)} is active again`,
      text: [`Hello ${c.firstName},`, `Your membership of ${club(d.clubName)} is active again.`],
      html: html`<p>Hello ${c.firstName},</p>
<p>Your membership of ${club(d.clubName)} is active again.</p>`,
    }),
  },
  'club-cancelled': {
    category: 'system',
    render: (c, d) => ({
      subject: `Your ${membershipOf(d.clubName)} is cancelled`,
      text: [`Hello ${c.firstName},`, `Your membership of ${club(d.clubName)} is cancelled. Thank you for being a member.`],
      html: html`<p>Hello ${c.firstName},</p>
<p>Your membership of ${club(d.clubName)} is cancelled. Thank you for being a member.</p>`,
    }),
  },
  'order-placed': {
    category: 'system',
    render: (c, d) => {
      const number = d.orderNumber !== null ? ` #${d.orderNumber}` : '';
      const total = d.totalCents !== null ? formatMoney(d.totalCents, c.currency) : null;
      return {
        subject: `Your ${c.wineryName} order${number}`,
        text: [
          `Hello ${c.firstName},`,
          `Thank you for your order${number}.`,
          ...(d.lines.length > 0 ? [d.lines.map((line) => `${line.quantity} × ${line.name}`).join('\n')] : []),
          ...(total ? [`Total: ${total}`] : []),
        ],
        html: html`<p>Hello ${c.firstName},</p>
<p>Thank you for your order${number}.</p>
${d.lines.length > 0 ? html`<ul>${d.lines.map((line) => html`<li>${line.quantity} × ${line.name}</li>`)}</ul>` : ''}
${total ? html`<p>Total: <strong>${total}</strong></p>` : ''}`,
      };
    },
  },
  'reservation-made': {
    category: 'system',
    render: (c, d) => {
      const when = d.startsAt ? ` on ${readableInstant(d.startsAt, c.timeZone)}` : '';
      const party = d.partySize ? ` for ${d.partySize} ${d.partySize === 1 ? 'guest' : 'guests'}` : '';
      const what = d.experience ?? 'your visit';
      return {
        subject: `Your reservation at ${c.wineryName}`,
        text: [`Hello ${c.firstName},`, `We have reserved ${what}${when}${party}. We look forward to seeing you.`],
        html: html`<p>Hello ${c.firstName},</p>
<p>We have reserved ${what}${when}${party}. We look forward to seeing you.</p>`,
      };
    },
  },
  'club-pause-scheduled': {
    category: 'system',
    render: (c, d) => {
      const booked = `Your membership of ${club(d.clubName)} will pause from ${readableDate(d.from)} until ${readableDate(d.until)}. It pauses and resumes by itself on those days.`;
      return {
        subject: `Your ${membershipOf(d.clubName)} pauses from ${readableDate(d.from)}`,
        text: [`Hello ${c.firstName},`, booked],
        html: html`<p>Hello ${c.firstName},</p>
<p>${booked}</p>`,
      };
    },
  },
  'club-pause-unscheduled': {
    category: 'system',
    render: (c, d) => {
      const dropped = `The pause of your membership of ${club(d.clubName)} that was to start on ${readableDate(d.from)} is cancelled: your membership stays active.`;
      return {
        subject: `Your ${membershipOf(d.clubName)} will not pause`,
        text: [`Hello ${c.firstName},`, dropped],
        html: html`<p>Hello ${c.firstName},</p>
<p>${dropped}</p>`,
      };
    },
  },
  'club-membership-changed': {
    category: 'system',
    render: (c, d) => {
      const how = d.shippingPreference === 'pickup' ? `you pick up your wine${d.pickupLocation ? ` at ${d.pickupLocation}` : ''}` : 'your wine is shipped to you';
      const what = `Your membership of ${club(d.clubName)} has changed: ${d.variantName ? `your option is ${d.variantName}, and ` : ''}${how}.`;
      return {
        subject: `Your ${membershipOf(d.clubName)} has changed`,
        text: [`Hello ${c.firstName},`, what],
        html: html`<p>Hello ${c.firstName},</p>
<p>${what}</p>`,
      };
    },
  },
  'club-gift-received': {
    category: 'system',
    render: (c, d) => {
      const from = d.giverName ?? 'Someone';
      const gift = `${from} has given you a membership of ${club(d.clubName)}${d.endsOn ? `, until ${readableDate(d.endsOn)}` : ''}. Welcome!`;
      return {
        subject: `A gift for you: ${club(d.clubName)} at ${c.wineryName}`,
        text: [`Hello ${c.firstName},`, gift, ...(d.message ? [`Their message: “${d.message}”`] : [])],
        html: html`<p>Hello ${c.firstName},</p>
<p>${gift}</p>
${d.message ? html`<blockquote>${d.message}</blockquote>` : ''}`,
      };
    },
  },
  'club-gift-given': {
    category: 'system',
    render: (c, d) => {
      const given = `Thank you: your gift of a membership of ${club(d.clubName)} to ${d.recipientName ?? 'your friend'} has started${d.endsOn ? `, until ${readableDate(d.endsOn)}` : ''}. We have let them know.`;
      return {
        subject: `Your gift of ${club(d.clubName)} has started`,
        text: [`Hello ${c.firstName},`, given],
        html: html`<p>Hello ${c.firstName},</p>
<p>${given}</p>`,
      };
    },
  },
  'club-gift-ending': {
    category: 'system',
    render: (c, d) => {
      const ends = `Your gift membership of ${club(d.clubName)}${d.giverName ? ` from ${d.giverName}` : ''} ends on ${d.endsOn ? readableDate(d.endsOn) : 'its end date'}. To stay a member, join the club before then.`;
      return {
        subject: `Your gift membership of ${club(d.clubName)} ends soon`,
        text: [`Hello ${c.firstName},`, ends],
        html: html`<p>Hello ${c.firstName},</p>
<p>${ends}</p>`,
      };
    },
  },
  'club-gift-ending-giver': {
    category: 'system',
    render: (c, d) => {
      const ends = `The membership of ${club(d.clubName)} you gave ${d.recipientName ?? 'your friend'} ends on ${d.endsOn ? readableDate(d.endsOn) : 'its end date'}. You can give it again before then.`;
      return {
        subject: `Your gift of ${club(d.clubName)} ends soon`,
        text: [`Hello ${c.firstName},`, ends],
        html: html`<p>Hello ${c.firstName},</p>
<p>${ends}</p>`,
      };
    },
  },
  'club-gift-ended': {
    category: 'system',
    render: (c, d) => {
      const ended = `Your gift membership of ${club(d.clubName)}${d.giverName ? ` from ${d.giverName}` : ''} has ended. We hope you enjoyed it; you are welcome to join the club.`;
      return {
        subject: `Your gift membership of ${club(d.clubName)} has ended`,
        text: [`Hello ${c.firstName},`, ended],
        html: html`<p>Hello ${c.firstName},</p>
<p>${ended}</p>`,
      };
    },
  },
};

/** A rendered email, ready for the sender. */
export interface ComposedEmail {
  from: string;
  replyTo: string[];
  subject: string;
  text: string;
  html: string;
}

/** The sender when the tenant set none: `EMAIL_FROM` (a verified SES identity in AWS). */
export function defaultSender(): string {
  return optionalEnv('EMAIL_FROM') ?? 'no-reply@example.com';
}

/** Where the customer portal lives; the password links point there. */
export function portalUrl(): string {
  return (optionalEnv('PORTAL_URL') ?? 'http://127.0.0.1:3000/portal').replace(/\/+$/, '');
}

/** The one-time password link of a welcome or reset email. */
export function passwordLink(tenantId: string, purpose: 'welcome' | 'reset', token: string): string {
  const page = purpose === 'welcome' ? 'set-password' : 'reset-password';
  return `${portalUrl()}/${encodeURIComponent(tenantId)}/${page}?token=${encodeURIComponent(token)}`;
}

export function subjectOf<K extends TemplateName>(name: K, context: TemplateContext, data: TemplateData[K]): string {
  const template = templates[name] as EmailTemplate<TemplateData[K]>;
  return oneLine(template.render({ ...context, link: context.link ?? '' }, data).subject);
}

/** Renders a template with the tenant's name and sender. */
export function composeEmail<K extends TemplateName>(
  name: K,
  settings: Pick<Settings, 'wineryName' | 'email'>,
  context: TemplateContext,
  data: TemplateData[K],
): ComposedEmail {
  const template = templates[name] as EmailTemplate<TemplateData[K]>;
  if (template.needsLink && !context.link) throw new Error(`The ${name} email needs a password link`);
  const body = template.render(context, data);
  return {
    from: senderOf(settings),
    replyTo: settings.email.replyTo ? [settings.email.replyTo] : [],
    subject: oneLine(body.subject),
    text: `${body.text.join('\n\n')}\n\n${context.wineryName}\n`,
    html: layout(context.wineryName, body.html).value,
  };
}

function layout(wineryName: string, content: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html><head><meta charset="utf-8"><title>${wineryName}</title></head>
<body style="font-family: Georgia, serif; color: #2b1d1d; max-width: 600px; margin: 0 auto; padding: 24px;">
<h1 style="font-size: 20px; color: #6b1e2e;">${wineryName}</h1>
${content}
<p style="color: #777; font-size: 12px;">${wineryName}</p>
</body></html>`;
}

/** Header values must not carry line breaks. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * The From header: the winery's sender (under the name it was given with, else the winery's
 * name), or the platform's when the winery set none.
 */
function senderOf(settings: Pick<Settings, 'wineryName' | 'email'>): string {
  const sender = settings.email.from ? splitSender(settings.email.from) : null;
  return formatAddress(sender?.name ?? settings.wineryName, sender?.address ?? defaultSender());
}

/**
 * `"Winery Name" <address>`: the display name is quoted (RFC 5322), or RFC 2047 encoded when
 * it is not plain ASCII, as SES requires.
 */
export function formatAddress(name: string, address: string): string {
  const display = oneLine(name);
  if (!display) return address;
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e]*$/.test(display)) return `"${display.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `=?UTF-8?B?${Buffer.from(display, 'utf8').toString('base64')}?= <${address}>`;
}

/** A stored value that is somehow not a date or an instant is shown as it is rather than failing the email. */
function readableDate(date: string): string {
  try {
    return formatDate(date);
  } catch {
    return date;
  }
}

function readableInstant(instant: string, timeZone: string): string {
  try {
    return formatInTimeZone(instant, timeZone);
  } catch {
    return instant;
  }
}
