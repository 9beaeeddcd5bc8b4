import { afterEach, describe, expect, it } from '@jest/globals';
import { composeEmail, formatAddress, passwordLink, TEMPLATE_NAMES, type TemplateData } from '../../shared/email/templates';
import { parseSender } from '../../shared/settings/sender';

const settings = { wineryName: 'Vine & Oak', email: { from: 'cellar@vineoak.example', replyTo: 'hello@vineoak.example' } };
const context = { wineryName: 'Vine & Oak', firstName: 'Ada', currency: 'USD', timeZone: 'America/Los_Angeles', link: 'http://127.0.0.1:3000/portal/t/set-password?token=abc' };

const sample: TemplateData = {
  welcome: {},
  'password-reset': {},
  'club-joined': { clubName: 'Reserve Club' },
  'club-paused': { clubName: 'Reserve Club', pausedUntil: '2025-09-01' },
  'club-pause-moved': { clubName: 'Reserve Club', pausedUntil: '2025-10-01', previousPausedUntil: '2025-09-01' },
  'club-resumed': { clubName: 'Reserve Club' },
  'club-cancelled': { clubName: 'Reserve Club' },
  'order-placed': { orderNumber: 1004, totalCents: 12_950, lines: [{ name: 'Cabernet 2021', quantity: 2 }] },
  'reservation-made': { experience: 'Cellar tour', startsAt: '2025-06-07T14:00:00Z', partySize: 4 },
  'club-pause-scheduled': { clubName: 'Reserve Club', from: '2025-09-01', until: '2025-10-01' },
  'club-pause-unscheduled': { clubName: 'Reserve Club', from: '2025-09-01' },
  'club-membership-changed': { clubName: 'Reserve Club', variantName: 'Reds', shippingPreference: 'pickup', pickupLocation: 'Tasting room' },
  'club-gift-received': { clubName: 'Reserve Club', giverName: 'Grace Hopper', message: '<b>Enjoy!</b>', endsOn: '2026-03-31' },
  'club-gift-given': { clubName: 'Reserve Club', recipientName: 'Ada Lovelace', endsOn: '2026-03-31' },
  'club-gift-ending': { clubName: 'Reserve Club', endsOn: '2026-03-31', giverName: 'Grace Hopper' },
  'club-gift-ending-giver': { clubName: 'Reserve Club', endsOn: '2026-03-31', recipientName: 'Ada Lovelace' },
  'club-gift-ended': { clubName: 'Reserve Club', giverName: 'Grace Hopper' },
};

describe('Function: composeEmail', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it.each(TEMPLATE_NAMES)('renders %s with a subject, a text and an HTML body from the winery', (name) => {
    const email = composeEmail(name, settings, context, sample[name] as never);
    expect(email.from).toBe('"Vine & Oak" <cellar@vineoak.example>');
    expect(email.replyTo).toEqual(['hello@vineoak.example']);
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.text).toContain('Hello Ada,');
    expect(email.html).toContain('Vine &amp; Oak');
    expect(email.html).not.toContain('Vine & Oak');
    expect(email.html).not.toContain('<b>');
  });

  it("shows the giver's message in the gift email, and the dates of a booked pause", () => {
    const gift = composeEmail('club-gift-received', settings, context, sample['club-gift-received']);
    expect(gift.text).toContain('Grace Hopper has given you a membership of Reserve Club');
    expect(gift.text).toContain('“<b>Enjoy!</b>”');
    const booked = composeEmail('club-pause-scheduled', settings, context, sample['club-pause-scheduled']);
    expect(booked.subject).toMatch(/pauses from/);
    expect(booked.text).toMatch(/from .*2025.* until .*2025/);
  });

  it('puts the password link in both bodies of the account emails', () => {
    for (const name of ['welcome', 'password-reset'] as const) {
      const email = composeEmail(name, settings, context, {});
      expect(email.text).toContain(context.link);
      expect(email.html).toContain(`href="http://127.0.0.1:3000/portal/t/set-password?token=abc"`);
    }
  });

  it('refuses to render an account email without its link', () => {
    expect(() => composeEmail('welcome', settings, { ...context, link: undefined }, {})).toThrow(/password link/);
  });

  it('escapes names and data in the HTML, and keeps line breaks out of the subject', () => {
    const email = composeEmail(
      'club-joined',
      { ...settings, wineryName: 'Evil\r\nBcc: x@evil.example' },
      { ...context, wineryName: 'Evil\r\nBcc: x@evil.example', firstName: '<img src=x onerror=alert(1)>' },
      { clubName: '"><script>alert(1)</script>' },
    );
    expect(email.html).not.toMatch(/<script|<img/);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain('&quot;&gt;&lt;script&gt;');
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.from).not.toMatch(/[\r\n]/);
  });

  it('shows the order lines and the total in the tenant currency', () => {
    const email = composeEmail('order-placed', settings, context, sample['order-placed']);
    expect(email.subject).toBe('Your Vine & Oak order #1004');
    expect(email.text).toContain('2 × Cabernet 2021');
    expect(email.text).toContain('Total: $129.50');
  });

  it('sends from EMAIL_FROM when the winery set no sender, without a reply-to', () => {
    process.env.EMAIL_FROM = 'no-reply@platform.example';
    const email = composeEmail('club-resumed', { wineryName: 'Vine & Oak', email: { from: null, replyTo: null } }, context, { clubName: null });
    expect(email.from).toBe('"Vine & Oak" <no-reply@platform.example>');
    expect(email.replyTo).toEqual([]);
    expect(email.subject).toBe('Your club membership is active again');
    expect(email.text).toContain('Your membership of our club is active again.');
  });
});

describe('The winery sender written with a name', () => {
  it('sends from the address under the name it was given with, quoted or not; a bare address under the winery name', () => {
    const from = (text: string) => composeEmail('club-resumed', { ...settings, email: { from: text, replyTo: null } }, context, { clubName: null }).from;
    expect(from('Hillside Cellars <wine@example.com>')).toBe('"Hillside Cellars" <wine@example.com>');
    expect(from('"Hillside Cellars, Inc." <wine@example.com>')).toBe('"Hillside Cellars, Inc." <wine@example.com>');
    expect(from('Château Lune <vin@example.fr>')).toBe(`=?UTF-8?B?${Buffer.from('Château Lune').toString('base64')}?= <vin@example.fr>`);
    expect(from('<wine@example.com>')).toBe('"Vine & Oak" <wine@example.com>');
    expect(from('wine@example.com')).toBe('"Vine & Oak" <wine@example.com>');
  });
});

describe('Function: parseSender', () => {
  it('reads an address, or a name with one', () => {
    expect(parseSender('wine@example.com')).toEqual({ name: null, address: 'wine@example.com' });
    expect(parseSender('  Winery <wine@example.com> ')).toEqual({ name: 'Winery', address: 'wine@example.com' });
    expect(parseSender('"Say \\"Cheers\\"" <a@b.example>')).toEqual({ name: 'Say "Cheers"', address: 'a@b.example' });
  });

  it('refuses what is neither, and a header smuggled into the name', () => {
    for (const text of ['Winery', 'Winery <not an address>', 'Winery wine@example.com', 'A <a@b.example> <c@d.example>', 'Evil\r\nBcc: x@evil.example <a@b.example>', '"open <a@b.example>', 'a@b.example>']) {
      expect(parseSender(text)).toBeNull();
    }
  });
});

describe('Function: formatAddress', () => {
  it('quotes a plain display name and encodes one that is not ASCII', () => {
    expect(formatAddress('Say "Cheers"', 'a@b.example')).toBe('"Say \\"Cheers\\"" <a@b.example>');
    expect(formatAddress('Château Ségur', 'a@b.example')).toBe(
      `=?UTF-8?B?${Buffer.from('Château Ségur').toString('base64')}?= <a@b.example>`,
    );
  });
});

describe('Function: passwordLink', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('points at the portal of the tenant, with the token', () => {
    delete process.env.PORTAL_URL;
    expect(passwordLink('acme', 'welcome', 'tok_en')).toBe('http://127.0.0.1:3000/portal/acme/set-password?token=tok_en');
    process.env.PORTAL_URL = 'https://portal.example/';
    expect(passwordLink('acme', 'reset', 'tok')).toBe('https://portal.example/acme/reset-password?token=tok');
  });
});
