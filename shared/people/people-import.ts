import { NotFoundError, ValidationError, type FieldError, type RowCheck } from '../errors';
import type { Actor } from '../schemas/common';
import { mapLimited } from '../concurrency';
import type { Settings } from '../settings/settings-schemas';
import { classKeys } from '../classes/keys';
import { getItems, itemAt } from '../db/batch-get';
import { idempotencyWrite, storedResponse, type IdempotencyRequest } from '../db/idempotency';
import { nextNumber } from '../db/sequence';
import { ConditionsFailedError, transactWrite, type NamedWrite } from '../db/transact';
import { classUsageWrite, type CustomerClassItem } from '../classes/customer-class-repository';
import { customerKeys } from './keys';
import { readPeopleWithDefaults, type PersonWithDefaults } from './people-batch-read';
import { createAddress, updateAddress } from './address-repository';
import { createRefusal, newCustomerWrites, updateCustomer } from './customer-repository';
import { customerChangeRules, type ChangeRulesOf } from './customer-rules';
import { createBodyOf, duplicateEmailErrors, newPersonErrors, rowChange, rowEmail, type AddressChange } from './import-rules';
import type { CustomerChange } from './customer-schemas';
import type { ImportResults, ImportRow, ImportRowResult } from './import-schemas';

const IMPORT_SCOPE = 'customers-import';
/** Changes of existing people in flight at once. */
const ROW_CONCURRENCY = 8;
/** Transactions of new people in flight at once. */
const GROUP_CONCURRENCY = 2;
/** DynamoDB's limit of writes in one transaction. */
const MAX_TRANSACTION_WRITES = 100;

export interface ImportBatch {
  rows: readonly RowCheck<ImportRow>[];
  dryRun: boolean;
  source?: string;
}

/**
 * What the caller adds to a batch's results before they are answered and recorded (the
 * duplicates' lookalikes, which this aggregate cannot read), so a batch sent again with its
 * `Idempotency-Key` answers exactly its first results.
 */
export type ResultsAnnotation = (results: ImportRowResult[]) => Promise<ImportRowResult[]>;

type Plan =
  | { kind: 'result'; result: ImportRowResult }
  | { kind: 'create'; index: number; row: ImportRow; classItem: CustomerClassItem | undefined }
  | { kind: 'update'; index: number; result: ImportRowResult; patch: CustomerChange; addresses: AddressChange[] };

interface Known {
  customerIds: Map<string, string>;
  classes: Map<string, CustomerClassItem>;
}

/**
 * `POST /v1/customers/import`: a batch of at most 100 rows, each matched by email against the
 * tenant's people and checked by the rules of a create (new people) or of a change (people
 * who exist). In requests: one BatchGetItem for the batch's email markers and classes, two for
 * the people they name and their default addresses, one counter update for all the new
 * people's numbers, then the new people together in transactions of up to 100 writes (all
 * their items and conditions: a person is never half-written), and per existing person the
 * writes of the change, as PATCH makes them. A few writes at a time, so an import leaves the table room for the console's own
 * requests.
 *
 * A batch can be sent again: a row already in makes no second person (its email names it
 * now) and changes nothing twice (its fields are already what the row says), so an import that
 * stopped midway resumes by sending the same batches. With an `Idempotency-Key` the finished
 * batch's results are recorded (with what `annotate` added), and the batch sent again answers
 * them without reading a row.
 */
export async function importPeople(
  tenantId: string,
  batch: ImportBatch,
  actor: Actor,
  settings: Settings,
  options: { idempotency?: IdempotencyRequest; annotate?: ResultsAnnotation; changeRules?: ChangeRulesOf } = {},
): Promise<ImportResults> {
  const { idempotency, annotate = async (results) => results, changeRules = (patch) => customerChangeRules(patch, settings) } = options;
  const recorded = idempotency && !batch.dryRun;
  if (recorded) {
    const stored = await storedResponse(tenantId, IMPORT_SCOPE, idempotency);
    if (stored) return stored.response as ImportResults;
  }
  const rows = batch.rows.map((check) => (check.ok ? check.value : undefined));
  const duplicates = duplicateEmailErrors(rows);
  const known = await readKnown(tenantId, rows.filter((row) => row !== undefined));
  const matched = await readPeopleWithDefaults(tenantId, [...new Set(known.customerIds.values())]);

  const plans = batch.rows.map((check, index): Plan => {
    if (!check.ok) return invalid(index, check.errors);
    if (duplicates.has(index)) return invalid(index, duplicates.get(index)!);
    const row = check.value;
    const customerId = known.customerIds.get(rowEmail(row));
    const classItem = row.customerClassId ? known.classes.get(row.customerClassId) : undefined;
    if (customerId) return planChange(index, row, matched.get(customerId), classItem, settings);
    const errors = newPersonErrors(row, settings, classItem);
    return errors.length > 0 ? invalid(index, errors) : { kind: 'create', index, row, classItem };
  });
  if (batch.dryRun) return { results: await annotate(plans.map((plan) => (plan.kind === 'create' ? { row: plan.index, status: 'created' } : plan.result))) };

  const importer: Actor = { ...actor, via: batch.source ? `import ${batch.source}` : 'import' };
  const creates = plans.filter((plan) => plan.kind === 'create');
  // One counter update numbers every new person of the batch, in row order.
  const lastNumber = creates.length > 0 ? await nextNumber(tenantId, 'customer', creates.length) : 0;
  const numbers = new Map(creates.map((plan, i) => [plan.index, lastNumber - creates.length + 1 + i]));

  const [created, changed] = await Promise.all([
    createTogether(tenantId, creates, numbers, importer, settings, changeRules),
    mapLimited(
      plans.filter((plan) => plan.kind === 'update'),
      ROW_CONCURRENCY,
      (plan) => applyChange(tenantId, plan, importer, changeRules),
    ),
  ]);
  const written = new Map([...created, ...changed].map((result) => [result.row, result]));
  const response: ImportResults = { results: await annotate(plans.map((plan) => (plan.kind === 'result' ? plan.result : written.get(plan.index)!))) };
  if (recorded) {
    try {
      await transactWrite([idempotencyWrite(tenantId, IMPORT_SCOPE, idempotency, response)]);
    } catch (error) {
      // The same batch, sent twice at once, finished first elsewhere: its results are the first.
      if (!(error instanceof ConditionsFailedError)) throw error;
      return (await storedResponse(tenantId, IMPORT_SCOPE, idempotency))!.response as ImportResults;
    }
  }
  return response;
}

const invalid = (index: number, errors: FieldError[]): Extract<Plan, { kind: 'result' }> => ({ kind: 'result', result: { row: index, status: 'invalid', errors } });

/** Who the batch's emails name, and the classes its rows ask for: one BatchGetItem (per 100 keys). */
async function readKnown(tenantId: string, rows: readonly ImportRow[]): Promise<Known> {
  const emails = [...new Set(rows.map(rowEmail))];
  const classIds = [...new Set(rows.flatMap((row) => (row.customerClassId ? [row.customerClassId] : [])))];
  const items = await getItems([
    ...emails.map((email) => customerKeys.emailMarker(tenantId, email)),
    ...classIds.map((id) => classKeys.customerClass(tenantId, id)),
  ]);
  const customerIds = new Map<string, string>();
  for (const email of emails) {
    const marker = itemAt<{ customerId: string }>(items, customerKeys.emailMarker(tenantId, email));
    if (marker) customerIds.set(email, marker.customerId);
  }
  const classes = new Map<string, CustomerClassItem>();
  for (const id of classIds) {
    const item = itemAt<CustomerClassItem>(items, classKeys.customerClass(tenantId, id));
    if (item) classes.set(id, item);
  }
  return { customerIds, classes };
}

/** What a row would change on the person its email names. */
function planChange(
  index: number,
  row: ImportRow,
  person: PersonWithDefaults | undefined,
  classItem: CustomerClassItem | undefined,
  settings: Settings,
): Exclude<Plan, { kind: 'create' }> {
  // An email marker always has its person; one deleted between the two reads is sent again.
  if (!person) return invalid(index, [{ path: 'billingAddress.email', message: 'names a person who was just removed: send the row again' }]);
  const matched = { row: index, id: person.profile.id, customerNumber: person.profile.customerNumber };
  const change = rowChange(row, person, settings, classItem);
  if (change.kind === 'invalid') return invalid(index, change.errors);
  if (change.kind === 'unchanged') return { kind: 'result', result: { ...matched, status: 'unchanged' } };
  return { kind: 'update', index, result: { ...matched, status: 'updated' }, patch: change.patch, addresses: change.addresses };
}

/**
 * A change is made as PATCH makes it (the profile's fields, then each default address), so it
 * keeps every invariant PATCH keeps. Its writes are not one transaction: a batch stopped between
 * them is finished by sending it again (what is written already is no change the second time).
 */
async function applyChange(tenantId: string, plan: Extract<Plan, { kind: 'update' }>, importer: Actor, changeRules: ChangeRulesOf): Promise<ImportRowResult> {
  const customerId = plan.result.id!;
  try {
    if (Object.keys(plan.patch).length > 0) {
      await updateCustomer(tenantId, customerId, plan.patch, importer, undefined, changeRules(plan.patch));
    }
    for (const address of plan.addresses) {
      if (address.addressId) await updateAddress(tenantId, customerId, address.addressId, address.fields, importer, undefined);
      else await createAddress(tenantId, customerId, { kind: address.kind, ...address.fields, isDefault: true }, importer);
    }
  } catch (error) {
    return refused(plan.index, error);
  }
  return plan.result;
}

type CreatePlan = Extract<Plan, { kind: 'create' }>;

/**
 * New people, as many as fit in one transaction together: each one's items and conditions (its
 * email still free, its class still there), the class usage counts added up per class (a
 * transaction writes an item once). A group whose conditions fail (an email taken by a
 * concurrent import) is written again person by person, so only that person's row learns it.
 */
async function createTogether(
  tenantId: string,
  plans: readonly CreatePlan[],
  numbers: ReadonlyMap<number, number>,
  importer: Actor,
  settings: Settings,
  changeRules: ChangeRulesOf,
): Promise<ImportRowResult[]> {
  const groups: { plans: CreatePlan[]; writes: NamedWrite[]; usage: Map<string, number>; results: ImportRowResult[] }[] = [];
  for (const plan of plans) {
    const customerNumber = numbers.get(plan.index)!;
    const { profile, writes } = newCustomerWrites(tenantId, createBodyOf(plan.row), customerNumber, plan.classItem, importer);
    const own = writes.filter((write) => !write.name.startsWith('class:'));
    let group = groups.at(-1);
    const newClass = profile.customerClassId && !group?.usage.has(profile.customerClassId) ? 1 : 0;
    if (!group || group.writes.length + group.usage.size + own.length + newClass > MAX_TRANSACTION_WRITES) {
      groups.push((group = { plans: [], writes: [], usage: new Map(), results: [] }));
    }
    group.plans.push(plan);
    group.writes.push(...own);
    if (profile.customerClassId) group.usage.set(profile.customerClassId, (group.usage.get(profile.customerClassId) ?? 0) + 1);
    group.results.push({ row: plan.index, status: 'created', id: profile.id, customerNumber });
  }
  const written = await mapLimited(groups, GROUP_CONCURRENCY, async (group) => {
    const usage = [...group.usage].map(([classId, count]) => classUsageWrite(tenantId, classId, count));
    try {
      await transactWrite([...group.writes, ...usage]);
      return group.results;
    } catch (error) {
      if (!(error instanceof ConditionsFailedError)) throw error;
      return mapLimited(group.plans, ROW_CONCURRENCY, (plan) => create(tenantId, plan, numbers.get(plan.index)!, importer, settings, changeRules));
    }
  });
  return written.flat();
}

/** A new person in one transaction; when their email was taken meanwhile (a race), the row updates that person instead. */
async function create(
  tenantId: string,
  plan: CreatePlan,
  customerNumber: number,
  importer: Actor,
  settings: Settings,
  changeRules: ChangeRulesOf,
): Promise<ImportRowResult> {
  const { profile, writes } = newCustomerWrites(tenantId, createBodyOf(plan.row), customerNumber, plan.classItem, importer);
  try {
    await transactWrite(writes);
    return { row: plan.index, status: 'created', id: profile.id, customerNumber };
  } catch (error) {
    if (!(error instanceof ConditionsFailedError)) throw error;
    const refusal = createRefusal(error, profile);
    if (refusal instanceof ValidationError) return refused(plan.index, refusal);
    if (!error.failed.has('email')) throw error;
  }
  const known = await readKnown(tenantId, [plan.row]);
  const customerId = known.customerIds.get(rowEmail(plan.row));
  if (!customerId) return invalid(plan.index, [{ path: 'billingAddress.email', message: 'was taken and freed again while importing: send the row again' }]).result;
  const person = (await readPeopleWithDefaults(tenantId, [customerId])).get(customerId);
  const change = planChange(plan.index, plan.row, person, plan.classItem, settings);
  return change.kind === 'result' ? change.result : applyChange(tenantId, change, importer, changeRules);
}

/**
 * A row the writes refused for what it says (a class removed meanwhile, the person deleted):
 * its errors, not the batch's. Anything else (a busy table, a lost race past its retries) fails
 * the batch, which is sent again as it is.
 */
function refused(index: number, error: unknown): ImportRowResult {
  if (!(error instanceof ValidationError || error instanceof NotFoundError)) throw error;
  return { row: index, status: 'invalid', errors: error.errors ?? [{ path: '', message: error.detail ?? error.title }] };
}
