import { afterEach, describe, expect, it } from '@jest/globals';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { dynamo, tableName } from '../../shared/db/client';
import { tenantPk } from '../../shared/db/keys';
import { customerKeys } from '../../shared/people/keys';
import { membershipKeys } from '../../shared/clubs/keys';
import { classKeys } from '../../shared/classes/keys';
import { call, newTenant, type CallResult } from '../support/invoke';
import { createPerson } from '../support/factories/people';
import { buyer, oneBottle } from '../support/factories/commerce';

/**
 * The one lost-race policy, attacked. Races are made real: a rival writer changes the item
 * (through a second client, straight to DynamoDB Local) just before the request's own write
 * reaches the table, so the request's conditions meet what a concurrent writer leaves behind.
 * `aws-sdk-client-mock` only puts the rival in between; every command still runs for real,
 * except the transaction conflicts that DynamoDB Local never raises.
 */
const rivalClient = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

const COMMANDS = { GetCommand, QueryCommand, BatchGetCommand, PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand };
type CommandName = keyof typeof COMMANDS;
type Key = { pk: string; sk: string };

let stub: AwsStub<any, any, any> | undefined;
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

/**
 * Runs `rival` before each of the first `times` commands named `on` (after `skip` of them), then
 * lets the command through to DynamoDB Local.
 */
function interpose(on: CommandName, times: number, rival: () => Promise<unknown>, skip = 0): void {
  stub = mockClient(dynamo as any);
  let seen = 0;
  for (const [name, Command] of Object.entries(COMMANDS)) {
    stub.on(Command as any).callsFake(async (input: any) => {
      if (name === on) {
        seen += 1;
        if (seen > skip && seen <= skip + times) await rival();
      }
      return rivalClient.send(new (Command as any)(input));
    });
  }
}

/** Another writer changes the item: its version moves, as every write's does. */
const bumpVersion = (key: Key) =>
  rivalClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET #v = #v + :one, updatedAt = :at',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':one': 1, ':at': new Date().toISOString() },
    }),
  );

const read = async (key: Key) => (await rivalClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

function expectConcurrentUpdate(result: CallResult) {
  expect(result.status).toBe(409);
  expect(result.headers['content-type']).toBe('application/problem+json');
  expect(result.body.type).toMatch(/concurrent-update$/);
}

const tenantId = newTenant('race');
const admin = { tenantId, role: 'admin' as const };

describe('PATCH /v1/customers/{id} without If-Match', () => {
  it('keeps all of 50 concurrent changes of different fields: every one answers 200', async () => {
    const person = await createPerson(admin, { birthDate: '1980-01-01' });
    const patches: Record<string, unknown>[] = Array.from({ length: 50 }, (_, i) => {
      switch (i % 10) {
        case 0: return { partner: `Partner ${i}` };
        case 1: return { specialInstructions: `Leave at door ${i}` };
        case 2: return { phone: `707-555-${String(1000 + i)}` };
        case 3: return { firstName: `Ada${i}` };
        case 4: return { lastName: `Byron${i}` };
        case 5: return { birthDate: `1981-01-${String(10 + (i % 19)).padStart(2, '0')}` };
        case 6: return { permissions: { email: true } };
        case 7: return { permissions: { sms: true } };
        case 8: return { permissions: { phone: true } };
        default: return { permissions: { mail: true } };
      }
    });
    const results = await Promise.all(patches.map((body) => call('PATCH', `/v1/customers/${person.id}`, { as: admin, body })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));

    const after = (await call('GET', `/v1/customers/${person.id}`, { as: admin })).body;
    expect(after.version).toBe(person.version + 50);
    expect(after.permissions).toEqual({ email: true, sms: true, phone: true, mail: true });
    for (const field of ['partner', 'specialInstructions', 'phone', 'firstName', 'lastName', 'birthDate']) {
      const sent = patches.filter((p) => field in p).map((p) => p[field]);
      expect(sent).toContain(after[field]);
    }
  });

  it('moves the email marker only from the email it read: two concurrent changes leave one consistent owner', async () => {
    const person = await createPerson(admin);
    const [a, b] = await Promise.all([
      call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { email: 'first.choice@example.com' } }),
      call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { email: 'second.choice@example.com' } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const final = (await call('GET', `/v1/customers/${person.id}`, { as: admin })).body.email as string;
    const markers = await Promise.all(
      [person.email, 'first.choice@example.com', 'second.choice@example.com'].map((email) => read(customerKeys.emailMarker(tenantId, email))),
    );
    // Exactly the final email is taken, by this person; the others are free again.
    expect(markers.filter(Boolean)).toEqual([expect.objectContaining({ customerId: person.id })]);
    expect(await read(customerKeys.emailMarker(tenantId, final))).toBeDefined();
  });

  it('does not conflict with a writer that moved the version in between (no read, no race)', async () => {
    const person = await createPerson(admin);
    interpose('UpdateCommand', 1, () => bumpVersion(customerKeys.profile(tenantId, person.id)));
    const result = await call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { partner: 'Grace' } });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ partner: 'Grace', version: person.version + 2 });
  });
});

describe('Lost races with If-Match are 412, only then', () => {
  it('answers 412 to a PATCH of a person whose version moved just before the write', async () => {
    const person = await createPerson(admin);
    interpose('UpdateCommand', 1, () => bumpVersion(customerKeys.profile(tenantId, person.id)));
    const result = await call('PATCH', `/v1/customers/${person.id}`, {
      as: admin,
      body: { partner: 'Grace' },
      headers: { 'if-match': String(person.version) },
    });
    expect(result.status).toBe(412);
    expect((await read(customerKeys.profile(tenantId, person.id)))!.partner).toBeNull();
  });

  it('answers 412 to an email change with a stale If-Match, and leaves the markers alone', async () => {
    const person = await createPerson(admin);
    interpose('TransactWriteCommand', 1, () => bumpVersion(customerKeys.profile(tenantId, person.id)));
    const result = await call('PATCH', `/v1/customers/${person.id}`, {
      as: admin,
      body: { email: 'stale.copy@example.com' },
      headers: { 'if-match': String(person.version) },
    });
    expect(result.status).toBe(412);
    expect(await read(customerKeys.emailMarker(tenantId, 'stale.copy@example.com'))).toBeUndefined();
    expect(await read(customerKeys.emailMarker(tenantId, person.email))).toBeDefined();
  });
});

/** One aggregate's write, and the item whose version a rival moves to make it lose. */
interface RaceCase {
  name: string;
  setup: () => Promise<{ method: string; url: string; body?: unknown; target: Key; version: number; ok: number }>;
  /** The command that carries the write to race. */
  on: CommandName;
  /** Commands of that kind to let through before racing (e.g. the first step of a delete). */
  skip?: number;
  /** Whether the route takes If-Match. */
  conditional: boolean;
}

async function personWithAddress() {
  const person = await createPerson(admin);
  const created = await call('POST', `/v1/customers/${person.id}/addresses`, {
    as: admin,
    body: { kind: 'shipping', line1: '1 Vine St', country: 'US' },
  });
  expect(created.status).toBe(201);
  return { person, address: created.body as { id: string; version: number } };
}

async function personWithCards() {
  const person = await createPerson(admin);
  const card = (last4: string) => ({
    processor: 'stripe', token: `tok_${last4}`, brand: 'visa', last4, expMonth: 12, expYear: 2040, cardholderName: 'Ada Lovelace',
  });
  const first = await call('POST', `/v1/customers/${person.id}/cards`, { as: admin, body: card('4242') });
  const second = await call('POST', `/v1/customers/${person.id}/cards`, { as: admin, body: card('1881') });
  expect([first.status, second.status]).toEqual([201, 201]);
  return { person, card: second.body as { id: string; version: number } };
}

/** Short names: a long run of digits would be refused as a card number. */
let serial = 0;

async function club() {
  const created = await call('POST', '/v1/clubs', { as: admin, body: { name: `Club ${(serial += 1)}`, discountPercent: 10 } });
  expect(created.status).toBe(201);
  return created.body as { id: string; version: number; classId: string };
}

async function personInClub() {
  const person = await createPerson(admin);
  const c = await club();
  const joined = await call('POST', `/v1/customers/${person.id}/memberships`, {
    as: admin,
    body: { clubId: c.id, shippingPreference: 'ship' },
  });
  expect(joined.status).toBe(201);
  return { person, membership: joined.body as { id: string; version: number } };
}

async function customerClass() {
  const created = await call('POST', '/v1/customer-classes', { as: admin, body: { name: `Class ${(serial += 1)}`, discountPercent: 5 } });
  expect(created.status).toBe(201);
  return created.body as { id: string; version: number };
}

const cases: RaceCase[] = [
  {
    name: 'PATCH an address',
    on: 'TransactWriteCommand',
    conditional: true,
    setup: async () => {
      const { person, address } = await personWithAddress();
      return {
        method: 'PATCH', url: `/v1/customers/${person.id}/addresses/${address.id}`, body: { city: 'Napa' },
        target: customerKeys.address(tenantId, person.id, address.id), version: address.version, ok: 200,
      };
    },
  },
  {
    name: 'make an address the default (the profile moves too)',
    on: 'TransactWriteCommand',
    conditional: true,
    setup: async () => {
      const person = await createPerson(admin);
      const created = await call('POST', `/v1/customers/${person.id}/addresses`, { as: admin, body: { kind: 'billing', line1: '2 Oak St' } });
      return {
        method: 'PATCH', url: `/v1/customers/${person.id}/addresses/${created.body.id}`, body: { isDefault: true },
        target: customerKeys.address(tenantId, person.id, created.body.id), version: created.body.version, ok: 200,
      };
    },
  },
  {
    name: 'DELETE an address (a write between the stamp and the delete)',
    on: 'DeleteCommand',
    conditional: true,
    setup: async () => {
      const { person } = await personWithAddress();
      const other = await call('POST', `/v1/customers/${person.id}/addresses`, { as: admin, body: { kind: 'shipping', line1: '3 Elm St' } });
      return {
        method: 'DELETE', url: `/v1/customers/${person.id}/addresses/${other.body.id}`,
        target: customerKeys.address(tenantId, person.id, other.body.id), version: other.body.version, ok: 204,
      };
    },
  },
  {
    name: 'PATCH a card',
    on: 'TransactWriteCommand',
    conditional: true,
    setup: async () => {
      const { person, card } = await personWithCards();
      return {
        method: 'PATCH', url: `/v1/customers/${person.id}/cards/${card.id}`, body: { cardholderName: 'A. Lovelace' },
        target: { pk: customerKeys.profile(tenantId, person.id).pk, sk: `P#CARD#${card.id}` }, version: card.version, ok: 200,
      };
    },
  },
  {
    name: 'DELETE a card',
    on: 'DeleteCommand',
    conditional: true,
    setup: async () => {
      const { person, card } = await personWithCards();
      return {
        method: 'DELETE', url: `/v1/customers/${person.id}/cards/${card.id}`,
        target: { pk: customerKeys.profile(tenantId, person.id).pk, sk: `P#CARD#${card.id}` }, version: card.version, ok: 204,
      };
    },
  },
  {
    name: 'PATCH a membership',
    on: 'TransactWriteCommand',
    conditional: true,
    setup: async () => {
      const { person, membership } = await personInClub();
      return {
        method: 'PATCH', url: `/v1/customers/${person.id}/memberships/${membership.id}`, body: { shippingPreference: 'pickup', pickupLocation: 'Tasting room' },
        target: membershipKeys.membership(tenantId, person.id, membership.id), version: membership.version, ok: 200,
      };
    },
  },
  {
    name: 'pause a membership',
    on: 'TransactWriteCommand',
    conditional: false,
    setup: async () => {
      const { person, membership } = await personInClub();
      return {
        method: 'POST', url: `/v1/customers/${person.id}/memberships/${membership.id}/pause`, body: { until: '2099-01-01' },
        target: membershipKeys.membership(tenantId, person.id, membership.id), version: membership.version, ok: 200,
      };
    },
  },
  {
    name: 'PATCH a club',
    on: 'TransactWriteCommand',
    conditional: true,
    setup: async () => {
      const c = await club();
      return {
        method: 'PATCH', url: `/v1/clubs/${c.id}`, body: { discountPercent: 15 },
        target: { pk: tenantPk(tenantId), sk: `CLUB#${c.id}` }, version: c.version, ok: 200,
      };
    },
  },
  {
    name: 'DELETE a customer class',
    on: 'DeleteCommand',
    conditional: true,
    setup: async () => {
      const cls = await customerClass();
      return {
        method: 'DELETE', url: `/v1/customer-classes/${cls.id}`,
        target: classKeys.customerClass(tenantId, cls.id), version: cls.version, ok: 204,
      };
    },
  },
  {
    name: "verify a person's age (a read-decide-write of the profile)",
    on: 'TransactWriteCommand',
    conditional: false,
    setup: async () => {
      const person = await createPerson(admin, { birthDate: '1970-01-01' });
      return {
        method: 'POST', url: `/v1/customers/${person.id}/age-verification`, body: { method: 'manual', note: 'ID checked' },
        target: customerKeys.profile(tenantId, person.id), version: person.version, ok: 200,
      };
    },
  },
];

describe.each(cases)('Lost race: $name', ({ setup, on, skip, conditional }) => {
  it('reads again and succeeds when it lost once, without If-Match', async () => {
    const request = await setup();
    interpose(on, 1, () => bumpVersion(request.target), skip);
    const result = await call(request.method, request.url, { as: admin, body: request.body });
    expect(result.status).toBe(request.ok);
  });

  it('answers 409 concurrent-update after losing every attempt, never a 500', async () => {
    const request = await setup();
    interpose(on, Number.POSITIVE_INFINITY, () => bumpVersion(request.target), skip);
    const result = await call(request.method, request.url, { as: admin, body: request.body });
    expectConcurrentUpdate(result);
    stub!.restore();
    stub = undefined;
    expect(await read(request.target)).toBeDefined();
  });

  if (conditional) {
    it('answers 412 when If-Match was sent and the version moved before the write', async () => {
      const request = await setup();
      interpose(on, 1, () => bumpVersion(request.target), skip);
      const result = await call(request.method, request.url, {
        as: admin,
        body: request.body,
        headers: { 'if-match': String(request.version) },
      });
      expect(result.status).toBe(412);
      stub!.restore();
      stub = undefined;
      expect(await read(request.target)).toBeDefined();
    });
  }
});

describe('Lost race: place an order (its person’s statistics move in its transaction)', () => {
  /**
   * Another order's statistics land on the person between the read and the write: `stats`
   * appears where none was read, or goes where some was, so an attempt decided from the read loses.
   */
  const otherOrdersMove = (key: Key) => async () => {
    const moved = Boolean((await read(key))?.stats);
    await rivalClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        ...(moved
          ? { UpdateExpression: 'REMOVE stats' }
          : {
              UpdateExpression: 'SET stats = :stats',
              ExpressionAttributeValues: {
                ':stats': { orderCount: 1, lifetimeValueCents: 1000, firstOrderAt: '2001-01-01T00:00:00.000Z', lastOrderAt: '2099-01-01T00:00:00.000Z' },
              },
            }),
      }),
    );
  };
  const place = (customerId: string) => call('POST', '/v1/orders', { as: admin, body: { customerId, lines: oneBottle, fulfillment: 'pickup' } });

  it('reads again and places it when it lost once, counted on what the other order left', async () => {
    const person = await buyer(admin);
    interpose('TransactWriteCommand', 1, otherOrdersMove(customerKeys.profile(tenantId, person.id)));
    expect((await place(person.id)).status).toBe(201);
    expect((await read(customerKeys.profile(tenantId, person.id)))!.stats).toMatchObject({ orderCount: 2, lifetimeValueCents: 5500 });
  });

  it('answers 409 concurrent-update after losing every attempt, and places nothing', async () => {
    const person = await buyer(admin);
    interpose('TransactWriteCommand', Number.POSITIVE_INFINITY, otherOrdersMove(customerKeys.profile(tenantId, person.id)));
    expectConcurrentUpdate(await place(person.id));
    stub!.restore();
    stub = undefined;
    const orders = await call('GET', `/v1/customers/${person.id}/orders`, { as: admin });
    expect(orders.body.items).toEqual([]);
  });
});

describe('Transaction conflicts (DynamoDB Local never raises them)', () => {
  it('retries a conflicting transaction and answers 409 concurrent-update once it keeps conflicting, with or without If-Match', async () => {
    const { person, address } = await personWithAddress();
    stub = mockClient(dynamo as any);
    for (const Command of [GetCommand, QueryCommand, UpdateCommand]) {
      stub.on(Command as any).callsFake((input: any) => rivalClient.send(new (Command as any)(input)));
    }
    const conflict = () =>
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }],
      });
    stub.on(TransactWriteCommand as any).callsFake(() => Promise.reject(conflict()));
    const url = `/v1/customers/${person.id}/addresses/${address.id}`;
    expectConcurrentUpdate(await call('PATCH', url, { as: admin, body: { city: 'Sonoma' } }));
    expectConcurrentUpdate(await call('PATCH', url, { as: admin, body: { city: 'Sonoma' }, headers: { 'if-match': String(address.version) } }));
    stub.restore();
    stub = undefined;
    expect((await read(customerKeys.address(tenantId, person.id, address.id)))!.city).toBeNull();
  });
});

describe('A class in use cannot be deleted, however requests race', () => {
  it('refuses the delete when an assignment lands between its two steps', async () => {
    const person = await createPerson(admin);
    const cls = await customerClass();
    // The assignment commits after the delete stamped the class and before it deletes it.
    interpose('DeleteCommand', 1, () => call('PATCH', `/v1/customers/${person.id}`, { as: admin, body: { customerClassId: cls.id } }));
    const deleted = await call('DELETE', `/v1/customer-classes/${cls.id}`, { as: admin });
    stub!.restore();
    stub = undefined;
    expect(deleted.status).toBe(409);
    expect(deleted.body.type).toMatch(/class-in-use$/);
    const now = await call('GET', `/v1/customers/${person.id}`, { as: admin });
    expect(now.body.customerClassId).toBe(cls.id);
    expect(await read(classKeys.customerClass(tenantId, cls.id))).toMatchObject({ usageCount: 1 });
  });

  it('never leaves a person on a deleted class: rounds of 5 concurrent assignments beside a delete', async () => {
    const people = await Promise.all(Array.from({ length: 5 }, () => createPerson(admin)));
    for (let round = 0; round < 12; round += 1) {
      const cls = await customerClass();
      const results = await Promise.all([
        ...people.map((p) => call('PATCH', `/v1/customers/${p.id}`, { as: admin, body: { customerClassId: cls.id } })),
        call('DELETE', `/v1/customer-classes/${cls.id}`, { as: admin }),
      ]);
      expect(results.filter((r) => r.status >= 500)).toEqual([]);
      const holders = (await Promise.all(people.map((p) => call('GET', `/v1/customers/${p.id}`, { as: admin }))))
        .filter((r) => r.body.customerClassId === cls.id).length;
      const stored = await read(classKeys.customerClass(tenantId, cls.id));
      if (stored) expect(stored.usageCount).toBe(holders);
      else expect(holders).toBe(0);
    }
  });
});
