import { marshall } from '@aws-sdk/util-dynamodb';
import type { BatchWriter } from '../batch-writer';
import type { BenchContext } from '../context';
import { describeCommands } from '../context';
import { ms, progress } from '../stats';

/**
 * The pause-expiry job over 10 000 memberships of which 100 are due: it must read only the
 * due ones (the sparse due index, no Scan). Half the rest are active (not in the index), half
 * paused until a later date (in the index, but past the date bound).
 */
export async function pauseExpiryScenario(ctx: BenchContext, writer: BatchWriter): Promise<void> {
  const { meter, report } = ctx;
  const { withIndexKeys, resumeDueMemberships } = await import('../../shared/clubs/membership-repository');
  const { membershipKeys } = await import('../../shared/clubs/keys');
  const total = ctx.config.quick ? 1_000 : 10_000;
  const due = 100;
  const tenantId = `winery-pause-${Math.random().toString(36).slice(2, 6)}`;
  progress(`pause expiry: seeding ${total} memberships, ${due} due`);
  const at = '2029-12-01T00:00:00.000Z';
  const items = Array.from({ length: total }, (_, n) => {
    const customerId = `c${String(n).padStart(6, '0')}`;
    const id = `m${String(n).padStart(6, '0')}`;
    const status = n < due || n % 2 === 0 ? 'paused' : 'active';
    const pausedUntil = n < due ? '2030-01-01' : status === 'paused' ? '2030-06-01' : null;
    return marshall(
      withIndexKeys({
        ...membershipKeys.membership(tenantId, customerId, id),
        type: 'membership', tenantId, customerId, id, clubId: 'club', classId: 'class', clubName: 'Bench Club',
        variantId: null, variantName: null, ownerId: null, status, shippingPreference: 'ship', pickupLocation: null, pausedUntil,
        joinedAt: at, cancelledAt: null, cancelReason: null, version: 1, createdAt: at, updatedAt: at,
        updatedBy: { kind: 'system', id: 'bench', name: null },
      }),
      { removeUndefinedValues: true },
    );
  });
  await writer.put(items);

  const started = performance.now();
  const { result, tally } = await meter.measure(() => resumeDueMemberships('2030-01-02'));
  const elapsed = performance.now() - started;
  const table = report.table('Pause expiry (the scheduled job)', ['memberships', 'due', 'items read', 'resumed', 'requests', 'time', 'target', '']);
  table.rows.push([
    String(total),
    String(due),
    String(result.read),
    String(result.resumed),
    describeCommands(tally),
    `${ms(elapsed)} ms`,
    `reads only the ${due} due`,
    report.verdict(result.read === due && result.resumed === due, 'pause expiry read more than the due memberships'),
  ]);
}
