import { nowIso } from '../clock';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../http/errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { Card, CreateCardBody, UpdateCardBody } from '../schemas/profile';
import { readProfilePage } from './profile-page';
import { cardKeys, toCard, type CardItem } from './customer-items';
import { firstStamp, nextStamp } from './item-stamp';
import { defaultSwitchWrites, deleteWithActor, putIfVersion, putNew } from './item-writes';
import { ConditionsFailedError, transactWrite } from './transact';

/**
 * Cards on file hold a payment processor's token, never a card number (the request layer
 * refuses any body containing one). The token is stored to charge the card later and never
 * leaves the service: `toCard` has no token, and the change history redacts it.
 */
async function cardsOf(tenantId: string, customerId: string): Promise<CardItem[]> {
  const page = await readProfilePage(tenantId, customerId);
  return (page.others.card ?? []) as unknown as CardItem[];
}

export async function listCards(tenantId: string, customerId: string) {
  const cards = await cardsOf(tenantId, customerId);
  return { items: cards.map(toCard), nextCursor: null };
}

const CONCURRENT = new ConflictError('concurrent-update', 'The cards changed while this was saved; reload and try again.');

export async function createCard(tenantId: string, customerId: string, input: CreateCardBody, actor: Actor): Promise<Card> {
  const cards = await cardsOf(tenantId, customerId);
  const at = nowIso();
  const id = newId();
  const isDefault = input.isDefault || cards.length === 0;
  const item: CardItem = {
    ...cardKeys.card(tenantId, customerId, id),
    type: 'card',
    tenantId,
    customerId,
    id,
    ...input,
    isDefault,
    ...firstStamp(actor, at),
  };
  try {
    await transactWrite([putNew('card', item), ...(isDefault ? defaultSwitchWrites(cards, id, actor, at) : [])]);
  } catch (error) {
    if (error instanceof ConditionsFailedError) throw CONCURRENT;
    throw error;
  }
  return toCard(item);
}

export async function updateCard(
  tenantId: string,
  customerId: string,
  cardId: string,
  patch: UpdateCardBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Card> {
  const cards = await cardsOf(tenantId, customerId);
  const current = cards.find((card) => card.id === cardId);
  if (!current) throw new NotFoundError('card');
  if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError();
  const at = nowIso();
  const next: CardItem = { ...current, ...patch, isDefault: current.isDefault || patch.isDefault === true, ...nextStamp(current, actor, at) };
  const others = patch.isDefault ? defaultSwitchWrites(cards.filter((c) => c.id !== cardId), cardId, actor, at) : [];
  try {
    await transactWrite([putIfVersion('card', next, current.version), ...others]);
  } catch (error) {
    if (error instanceof ConditionsFailedError) throw ifMatch !== undefined ? new PreconditionFailedError() : CONCURRENT;
    throw error;
  }
  return toCard(next);
}

export async function deleteCard(tenantId: string, customerId: string, cardId: string, actor: Actor, ifMatch: number | undefined) {
  const cards = await cardsOf(tenantId, customerId);
  const current = cards.find((card) => card.id === cardId);
  if (!current) throw new NotFoundError('card');
  await deleteWithActor(cardKeys.card(tenantId, customerId, cardId), current, actor, nowIso(), ifMatch);
}
