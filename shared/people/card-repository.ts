import { nowIso } from '../clock';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { Card, CreateCardBody, UpdateCardBody } from './profile-schemas';
import { readProfilePage } from './profile-page';
import { refuseExpiredCard, toCard, type CardItem } from './customer-items';
import { customerKeys } from './keys';
import { firstStamp, nextStamp } from '../db/item-stamp';
import { defaultSwitchWrites, deleteWithActor, putIfVersion, putNew } from '../db/item-writes';
import { checkIfMatch, transactWrite, withLostRaceRetry } from '../db/transact';

/**
 * Cards on file hold a payment processor's token, never a card number (the request layer
 * refuses any body containing one). The token is stored to charge the card later and never
 * leaves the service: `toCard` has no token, and the change history redacts it.
 */
async function cardsOf(tenantId: string, customerId: string): Promise<CardItem[]> {
  return (await readProfilePage(tenantId, customerId)).cards;
}

export async function listCards(tenantId: string, customerId: string) {
  const cards = await cardsOf(tenantId, customerId);
  return { items: cards.map(toCard), nextCursor: null };
}

export async function createCard(tenantId: string, customerId: string, input: CreateCardBody, actor: Actor): Promise<Card> {
  refuseExpiredCard(input);
  return withLostRaceRetry(async () => {
    const cards = await cardsOf(tenantId, customerId);
    const at = nowIso();
    const id = newId();
    const isDefault = input.isDefault || cards.length === 0;
    const item: CardItem = {
      ...customerKeys.card(tenantId, customerId, id),
      type: 'card',
      tenantId,
      customerId,
      id,
      ...input,
      isDefault,
      ...firstStamp(actor, at),
    };
    await transactWrite([putNew('card', item), ...(isDefault ? defaultSwitchWrites(cards, id, actor, at) : [])]);
    return toCard(item);
  });
}

/** Reads, checks `If-Match`, writes conditioned on the version read; a lost race reads again. */
export async function updateCard(
  tenantId: string,
  customerId: string,
  cardId: string,
  patch: UpdateCardBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Card> {
  return withLostRaceRetry(async () => {
    const cards = await cardsOf(tenantId, customerId);
    const current = cards.find((card) => card.id === cardId);
    if (!current) throw new NotFoundError('card');
    checkIfMatch(ifMatch, current.version);
    // The expiry as it would be: a new month with the stored year, or the other way round.
    // An expired card may still be changed otherwise (made default, its holder's name).
    if (patch.expMonth !== undefined || patch.expYear !== undefined) refuseExpiredCard({ ...current, ...patch });
    const at = nowIso();
    const next: CardItem = { ...current, ...patch, isDefault: current.isDefault || patch.isDefault === true, ...nextStamp(current, actor, at) };
    const others = patch.isDefault ? defaultSwitchWrites(cards.filter((c) => c.id !== cardId), cardId, actor, at) : [];
    await transactWrite([putIfVersion('card', next, current.version), ...others]);
    return toCard(next);
  });
}

export async function deleteCard(tenantId: string, customerId: string, cardId: string, actor: Actor, ifMatch: number | undefined) {
  await deleteWithActor(customerKeys.card(tenantId, customerId, cardId), 'card', actor, nowIso(), ifMatch);
}
