import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCardProcessor, tokenize, type CardProcessor } from '../../infra/local/card-processor';
import { containsCardNumber } from '../../shared/http/card-number';

/**
 * The local test card processor (`npm start`'s stand-in for a processor's hosted card field):
 * its documented test numbers, its refusals at the field, and a field that shows only in the
 * console's frame.
 */
const NOW = new Date('2030-06-15T12:00:00Z');
const card = { number: '4242 4242 4242 4242', expiry: '12/31', cvc: '123', name: 'Grace Hopper' };

describe('Function: tokenize', () => {
  it('turns a test number into a token, the brand, the last four digits and the expiry: never the number', () => {
    const result = tokenize(card, NOW);
    expect(result).toEqual({
      ok: true,
      card: { token: expect.stringMatching(/^tok_test_[a-z]{24}$/), brand: 'Visa', last4: '4242', expMonth: 12, expYear: 2031, cardholderName: 'Grace Hopper' },
    });
    // What the console forwards to the API passes its card-number screen.
    expect(containsCardNumber(JSON.stringify(result.ok && result.card))).toBe(false);
    expect(tokenize({ ...card, number: '5555-5555-5555-4444', expiry: '06/2030' }, NOW)).toMatchObject({ ok: true, card: { brand: 'Mastercard', last4: '4444', expMonth: 6, expYear: 2030 } });
    expect(tokenize({ ...card, number: '378282246310005', cvc: '1234' }, NOW)).toMatchObject({ ok: true, card: { brand: 'American Express', last4: '0005' } });
  });

  it('declines its documented declining number (402), and takes no other real-looking card', () => {
    expect(tokenize({ ...card, number: '4000 0000 0000 0002' }, NOW)).toEqual({ ok: false, status: 402, field: 'number', message: 'The card was declined. Try another card.' });
    expect(tokenize({ ...card, number: '4111 1111 1111 1111' }, NOW)).toMatchObject({ ok: false, status: 400, field: 'number', message: expect.stringMatching(/test card numbers/) });
    expect(tokenize({ ...card, number: '4242 4242 4242 4241' }, NOW)).toMatchObject({ ok: false, field: 'number', message: 'That card number is not valid.' });
  });

  it('names the field at fault: a past or malformed expiry, a missing security code or name', () => {
    expect(tokenize({ ...card, expiry: '05/30' }, NOW)).toMatchObject({ ok: false, field: 'expiry', message: 'The card has expired.' });
    expect(tokenize({ ...card, expiry: '13/31' }, NOW)).toMatchObject({ ok: false, field: 'expiry' });
    expect(tokenize({ ...card, cvc: '' }, NOW)).toMatchObject({ ok: false, field: 'cvc' });
    expect(tokenize({ ...card, name: '  ' }, NOW)).toMatchObject({ ok: false, field: 'name' });
  });
});

describe('Function: startCardProcessor', () => {
  let processor: CardProcessor;
  const consoleOrigin = 'http://127.0.0.1:3999';
  beforeAll(async () => {
    processor = await startCardProcessor({ port: 0, consoleOrigins: () => [consoleOrigin] });
  });
  afterAll(() => processor.close());

  it('shows the field only to the console, which alone may frame it', async () => {
    const shown = await fetch(`${processor.fieldUrl}?origin=${encodeURIComponent(consoleOrigin)}&name=Grace`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-security-policy')).toContain(`frame-ancestors ${consoleOrigin}`);
    const page = await shown.text();
    expect(page).toContain('<label for="number">Card number</label>');
    expect(page).not.toContain('Grace'); // the name is filled in by the script, never written into the HTML
    const elsewhere = await fetch(`${processor.fieldUrl}?origin=${encodeURIComponent('https://evil.example')}`);
    expect(elsewhere.status).toBe(403);
  });

  it('answers a token on its own origin, and a refusal at its field', async () => {
    const post = (body: unknown) => fetch(`${processor.url}/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const accepted = await post({ ...card, expiry: '12/99' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ token: expect.stringMatching(/^tok_test_/), last4: '4242', expYear: 2099 });
    const declined = await post({ ...card, number: '4000000000000002', expiry: '12/99' });
    expect(declined.status).toBe(402);
    expect(await declined.json()).toEqual({ error: { field: 'number', message: 'The card was declined. Try another card.' } });
  });
});
