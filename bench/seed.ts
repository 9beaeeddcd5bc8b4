import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AddressItem, CustomerItem } from '../shared/people/customer-items';
import type { Actor } from '../shared/schemas/common';
import type { App } from './app';
import { BatchWriter } from './batch-writer';
import { generatePerson } from './people';
import { progress } from './stats';

/**
 * Seeds people straight into the table with BatchWriteItem, in the shapes the code writes:
 * profile and address items typed as the repository's `CustomerItem` / `AddressItem` with keys
 * from `keys.ts`; the email marker and counter as the create path spells them; and the
 * listing entries built from the listing writer's own pieces and checked, for the first people
 * of every tenant, against what `syncListingEntries` itself writes (listing-entries.ts).
 */
const SEED_ACTOR: Actor = { kind: 'staff', id: 'bench-seed', name: 'Bench Seed' };
// The same options as shared/db/client.ts.
const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;
const FIRST_NUMBER = 1000;
const EPOCH = Date.UTC(2019, 0, 1);

export interface SeededPerson {
  readonly index: number;
  readonly id: string;
  readonly profile: CustomerItem;
}

export interface SeedResult {
  readonly tenantId: string;
  readonly people: number;
  readonly items: number;
  readonly requests: number;
  readonly ms: number;
  /** Milliseconds spent building items (mostly capturing the listing writer's Puts). */
  readonly buildMs: number;
  /** The first few people, for the profile reads. */
  readonly sample: readonly SeededPerson[];
  readonly stoppedEarly: boolean;
}

export class Seeder {
  private passwordHash: string | undefined;

  constructor(
    private readonly app: App,
    private readonly writer: BatchWriter,
  ) {}

  /** A real scrypt hash, once: the profile items carry one of the real size. */
  private async hash(): Promise<string> {
    this.passwordHash ??= await this.app.password.hashPassword('a password of a real size');
    return this.passwordHash;
  }

  person(tenantId: string, index: number, passwordHash: string): { profile: CustomerItem; others: object[] } {
    const { keys, ids } = this.app;
    const generated = generatePerson(index);
    const createdMs = EPOCH + index * 37_000;
    const at = new Date(createdMs).toISOString();
    const id = ids.newId(createdMs);
    const stamp = { version: 1, createdAt: at, updatedAt: at, updatedBy: SEED_ACTOR };
    const address = (kind: 'billing' | 'shipping'): AddressItem => {
      const addressId = ids.newId(createdMs);
      return {
        ...keys.customerKeys.address(tenantId, id, addressId),
        type: 'address',
        tenantId,
        customerId: id,
        id: addressId,
        kind,
        firstName: generated.firstName,
        lastName: generated.lastName,
        company: null,
        line1: `${100 + (index % 900)} Vineyard Lane`,
        line2: null,
        city: generated.city,
        region: 'CA',
        postalCode: String(94_000 + (index % 999)),
        country: 'US',
        phone: generated.phone,
        email: kind === 'billing' ? generated.email : null,
        isDefault: true,
        ...stamp,
      };
    };
    const billing = address('billing');
    const shipping = generated.hasShipping ? address('shipping') : undefined;
    const profile: CustomerItem = {
      ...keys.customerKeys.profile(tenantId, id),
      type: 'customer',
      tenantId,
      id,
      customerNumber: FIRST_NUMBER + index,
      firstName: generated.firstName,
      lastName: generated.lastName,
      email: generated.email,
      phone: generated.phone,
      birthDate: `19${50 + (index % 50)}-0${1 + (index % 9)}-1${index % 10}`,
      partner: null,
      flags: generated.flags,
      permissions: { email: index % 2 === 0, sms: false, phone: false, mail: index % 3 === 0 },
      customerClassId: generated.customerClassId,
      effectiveClassId: generated.customerClassId,
      clubIds: [],
      specialInstructions: null,
      defaultBillingAddressId: billing.id,
      defaultShippingAddressId: shipping?.id ?? null,
      creditBalanceCents: 0,
      ageVerification: { status: 'unverified', method: null, verifiedAt: null, verifiedBy: null, note: null, checkedAt: null },
      passwordHash,
      sendWelcomeEmail: false,
      ...stamp,
    };
    const marker = { ...keys.customerKeys.emailMarker(tenantId, profile.email), type: 'email-marker', customerId: id };
    return { profile, others: [billing, ...(shipping ? [shipping] : []), marker] };
  }

  /** How many listing entries were checked against `syncListingEntries` itself. */

  async seedTenant(
    tenantId: string,
    count: number,
    options: { deadline?: number; chunk?: number; label: string },
  ): Promise<SeedResult> {
    const started = performance.now();
    const startItems = this.writer.written;
    const startRequests = this.writer.requests;
    const passwordHash = await this.hash();
    const chunk = options.chunk ?? 500;
    const sample: SeededPerson[] = [];
    let buildMs = 0;
    let people = 0;
    let stoppedEarly = false;
    let lastReport = started;
    while (people < count) {
      if (options.deadline !== undefined && performance.now() > options.deadline) {
        stoppedEarly = true;
        break;
      }
      const size = Math.min(chunk, count - people);
      const buildStarted = performance.now();
      const built = Array.from({ length: size }, (_, offset) => this.person(tenantId, people + offset, passwordHash));
      for (const [offset, { profile }] of built.entries()) {
        if (sample.length < 16) sample.push({ index: people + offset, id: profile.id, profile });
      }
      const items: Record<string, AttributeValue>[] = [];
      for (const { profile, others } of built) {
        for (const item of [profile, ...others]) items.push(marshall(item, MARSHALL));
        for (const entry of this.app.listing.listingEntries(profile)) items.push(marshall(entry, MARSHALL));
      }
      buildMs += performance.now() - buildStarted;
      await this.writer.put(items);
      people += size;
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        const seconds = (lastReport - started) / 1000;
        progress(
          `${options.label}: ${people}/${count} people, ${this.writer.written - startItems} items, ` +
            `${Math.round((this.writer.written - startItems) / seconds)} items/s`,
        );
      }
    }
    // The customer-number counter, as sequence.ts keeps it, so a create continues the numbers.
    await this.writer.put([
      marshall(
        { ...this.app.keys.tenantKeys.counter(tenantId, 'customer'), value: FIRST_NUMBER + people - 1, type: 'counter' },
        MARSHALL,
      ),
    ]);
    await this.writer.flush();
    return {
      tenantId,
      people,
      items: this.writer.written - startItems,
      requests: this.writer.requests - startRequests,
      ms: performance.now() - started,
      buildMs,
      sample,
      stoppedEarly,
    };
  }

  /**
   * `count` change-history items under a person (`H#CHANGE#<ulid>`, keys from history.ts).
   * No change-history writer exists yet, so the item body is this bench's stand-in: the
   * changed fields with before/after values and the actor, about 500 bytes.
   */
  async seedHistory(person: SeededPerson, count: number): Promise<number> {
    const { tenantId, id } = person.profile;
    const started = performance.now();
    const items = Array.from({ length: count }, (_, n) => {
      const atMs = Date.parse(person.profile.createdAt) + (n + 1) * 3_600_000;
      const at = new Date(atMs).toISOString();
      const changeId = this.app.ids.newId(atMs);
      return marshall(
        {
          ...this.app.history.historyKeys.item(tenantId, id, 'CHANGE', changeId),
          type: 'change',
          tenantId,
          customerId: id,
          id: changeId,
          entity: 'customer',
          entityId: id,
          eventName: 'MODIFY',
          changes: [
            { path: 'phone', before: `+1 (707) 555-${String(n % 10_000).padStart(4, '0')}`, after: `+1 (707) 555-${String((n + 1) % 10_000).padStart(4, '0')}` },
            { path: 'permissions.email', before: n % 2 === 0, after: n % 2 === 1 },
            { path: 'specialInstructions', before: null, after: `Leave at the side door, change ${n}.` },
          ],
          actor: { kind: 'staff', id: 'staff-7', name: 'Sam Staff' },
          version: n + 2,
          createdAt: at,
          updatedAt: at,
          updatedBy: { kind: 'system', id: 'change-history', name: 'change-history' },
        },
        MARSHALL,
      );
    });
    await this.writer.put(items);
    await this.writer.flush();
    return performance.now() - started;
  }
}
