import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The local stand-in for a card processor's hosted card field, on an origin of its own (as
 * Stripe's or Adyen's is in AWS): the console shows `/field` in a frame, staff type the card
 * there, the page sends it to this server's `/v1/tokens` (its own origin: never the console's,
 * never our API), and hands the console only the token and what a card list shows, by
 * `postMessage` to the console's origin. Nothing is stored or logged.
 *
 * Like a processor's test mode it takes only its documented test numbers (`TEST_CARDS`), so a
 * real card typed here by mistake goes nowhere; `4000 0000 0000 0002` is declined.
 */

export const PROCESSOR_NAME = 'Test processor';
/** What a card on file records as its `processor`. */
export const PROCESSOR_ID = 'test';

/** The documented test numbers and what they do. */
export const TEST_CARDS: Readonly<Record<string, { brand: string; declined?: true }>> = {
  '4242424242424242': { brand: 'Visa' },
  '5555555555554444': { brand: 'Mastercard' },
  '378282246310005': { brand: 'American Express' },
  '6011111111111117': { brand: 'Discover' },
  '4000000000000002': { brand: 'Visa', declined: true },
};

export interface TokenizedCard {
  readonly token: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly cardholderName: string;
}

export type TokenizeResult = { readonly ok: true; readonly card: TokenizedCard } | { readonly ok: false; readonly status: 400 | 402; readonly field: string; readonly message: string };

const luhn = (digits: string) =>
  [...digits].reverse().reduce((sum, char, index) => {
    const digit = Number(char) * (index % 2 === 1 ? 2 : 1);
    return sum + (digit > 9 ? digit - 9 : digit);
  }, 0) %
    10 ===
  0;

/** A token of letters only: it can never look like a card number to the API's screen. */
const newToken = () => `tok_test_${Array.from({ length: 24 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

/** What the processor answers a card: a token, or why not (the field at fault, in words). */
export function tokenize(input: { number?: unknown; expiry?: unknown; cvc?: unknown; name?: unknown }, now: Date = new Date()): TokenizeResult {
  const refuse = (field: string, message: string, status: 400 | 402 = 400): TokenizeResult => ({ ok: false, status, field, message });
  const number = String(input.number ?? '').replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(number) || !luhn(number)) return refuse('number', 'That card number is not valid.');
  const known = TEST_CARDS[number];
  if (!known) return refuse('number', 'This is a test processor: use one of its test card numbers, such as 4242 4242 4242 4242.');
  const expiry = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(String(input.expiry ?? '').trim());
  const expMonth = Number(expiry?.[1]);
  const expYear = expiry ? Number(expiry[2]!.length === 2 ? `20${expiry[2]}` : expiry[2]) : NaN;
  if (!expiry || expMonth < 1 || expMonth > 12) return refuse('expiry', 'Enter the expiry as MM/YY.');
  if (expYear < now.getUTCFullYear() || (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)) return refuse('expiry', 'The card has expired.');
  if (!/^\d{3,4}$/.test(String(input.cvc ?? '').trim())) return refuse('cvc', 'Enter the 3 or 4 digits of the security code.');
  const cardholderName = String(input.name ?? '').trim();
  if (cardholderName === '' || cardholderName.length > 200) return refuse('name', 'Enter the name on the card.');
  if (known.declined) return refuse('number', 'The card was declined. Try another card.', 402);
  return { ok: true, card: { token: newToken(), brand: known.brand, last4: number.slice(-4), expMonth, expYear, cardholderName } };
}

function fieldPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Card details · ${PROCESSOR_NAME}</title>
<link rel="stylesheet" href="/field.css">
</head>
<body>
<main>
<form id="card" novalidate>
  <label for="number">Card number</label>
  <input id="number" name="number" inputmode="numeric" autocomplete="cc-number" aria-describedby="number-error help" required>
  <p class="error" id="number-error"></p>
  <div class="row">
    <div>
      <label for="expiry">Expiry (MM/YY)</label>
      <input id="expiry" name="expiry" autocomplete="cc-exp" placeholder="MM/YY" aria-describedby="expiry-error" required>
      <p class="error" id="expiry-error"></p>
    </div>
    <div>
      <label for="cvc">Security code</label>
      <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" aria-describedby="cvc-error" required>
      <p class="error" id="cvc-error"></p>
    </div>
  </div>
  <label for="name">Name on card</label>
  <input id="name" name="name" autocomplete="cc-name" aria-describedby="name-error" required>
  <p class="error" id="name-error"></p>
  <button type="submit">Save card</button>
  <p id="status" role="status"></p>
  <p id="help" class="help">${PROCESSOR_NAME}: 4242 4242 4242 4242 works (any future expiry, any 3 digits); 4000 0000 0000 0002 is declined.</p>
</form>
</main>
<script src="/field.js"></script>
</body>
</html>
`;
}

const FIELD_CSS = `body { font: 15px/1.4 system-ui, sans-serif; color: #1a1b1e; margin: 0; padding: 4px 8px; background: #fff; }
form { display: grid; gap: 2px; max-width: 520px; }
label { font-weight: 600; margin-top: 6px; }
input { font: inherit; padding: 6px 8px; border: 1px solid #6b6f76; border-radius: 4px; }
input[aria-invalid="true"] { border-color: #b3261e; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.row > div { display: grid; gap: 2px; }
.error { color: #b3261e; margin: 0; font-size: 13px; }
#status, .help { margin: 4px 0 0; }
button { font: inherit; font-weight: 600; margin-top: 10px; padding: 8px 14px; color: #fff; background: #5b2333; border: 0; border-radius: 4px; cursor: pointer; justify-self: start; }
button:disabled { background: #6b6f76; }
.help { color: #4a4e55; font-size: 13px; }
`;

/**
 * The page's script: checks nothing itself (the processor decides), sends the card to this
 * origin, shows a refusal at its field, and gives the console only the token and the card's
 * public details, to the console's origin alone.
 */
const FIELD_JS = `(() => {
  const params = new URLSearchParams(location.search);
  const consoleOrigin = params.get('origin');
  const form = document.getElementById('card');
  const status = document.getElementById('status');
  const fields = ['number', 'expiry', 'cvc', 'name'];
  document.getElementById('name').value = params.get('name') || '';
  const show = (field, message) => {
    for (const name of fields) {
      const input = document.getElementById(name);
      const error = document.getElementById(name + '-error');
      const bad = name === field;
      error.textContent = bad ? message : '';
      if (bad) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    }
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    status.textContent = 'Checking the card…';
    show(null, '');
    try {
      const body = Object.fromEntries(fields.map((name) => [name, document.getElementById(name).value]));
      const response = await fetch('/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = await response.json();
      if (!response.ok) {
        status.textContent = '';
        show(answer.error.field, answer.error.message);
        document.getElementById(answer.error.field).focus();
        return;
      }
      form.reset();
      status.textContent = 'Card accepted.';
      parent.postMessage(Object.assign({ type: 'card-tokenized', processor: '${PROCESSOR_ID}' }, answer), consoleOrigin);
    } catch {
      status.textContent = 'The processor could not be reached. Try again.';
    } finally {
      button.disabled = false;
    }
  });
})();
`;

export interface CardProcessorOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** The origins that may show the field and receive its tokens (the console's); read per request. */
  readonly consoleOrigins: () => readonly string[];
}

export interface CardProcessor {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The page the console frames (`cardProcessor.fieldUrl` in `/config.json`). */
  readonly fieldUrl: string;
  close(): Promise<void>;
}

export async function startCardProcessor(options: CardProcessorOptions): Promise<CardProcessor> {
  const host = options.host ?? '127.0.0.1';
  const send = (response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...headers,
    });
    response.end(body);
  };
  const readJson = (request: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      let text = '';
      request.on('data', (chunk: Buffer) => {
        text += String(chunk);
        if (text.length > 4096) request.destroy();
      });
      request.on('end', () => {
        try {
          const value: unknown = JSON.parse(text);
          resolve(typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
        } catch {
          resolve({});
        }
      });
    });

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/field') {
      const origins = options.consoleOrigins();
      const origin = url.searchParams.get('origin') ?? '';
      // Like a processor's registered domains: the field shows, and posts its tokens, only to the console.
      if (!origins.includes(origin)) return send(response, 403, 'text/plain; charset=utf-8', 'This card field is not for this page.');
      return send(response, 200, 'text/html; charset=utf-8', fieldPage(), {
        'content-security-policy': `default-src 'self'; style-src 'self'; frame-ancestors ${origins.join(' ')}; base-uri 'none'; form-action 'self'`,
      });
    }
    if (request.method === 'GET' && url.pathname === '/field.js') return send(response, 200, 'text/javascript; charset=utf-8', FIELD_JS);
    if (request.method === 'GET' && url.pathname === '/field.css') return send(response, 200, 'text/css; charset=utf-8', FIELD_CSS);
    if (request.method === 'POST' && url.pathname === '/v1/tokens') {
      void readJson(request).then((body) => {
        const result = tokenize(body);
        if (result.ok) return send(response, 200, 'application/json', JSON.stringify(result.card));
        return send(response, result.status, 'application/json', JSON.stringify({ error: { field: result.field, message: result.message } }));
      });
      return;
    }
    send(response, 404, 'text/plain; charset=utf-8', 'Not Found');
  });

  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => listening());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    fieldUrl: `${url}/field`,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}
