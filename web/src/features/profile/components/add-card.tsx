import { Alert, Button, Modal, Stack, Switch, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { MutationError } from '@/components/problem-alert';
import type { CustomerProfile } from '@/lib/api-client';
import { appConfig } from '@/lib/config';
import { useAddCard } from '../api/addresses';

/**
 * What the processor's card field tells this page once it has tokenized a card: never the
 * number, only the token and what a card list shows.
 */
interface TokenizedCard {
  readonly type: 'card-tokenized';
  readonly processor: string;
  readonly token: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly cardholderName: string;
}

const isTokenizedCard = (data: unknown): data is TokenizedCard => {
  const d = data as Partial<TokenizedCard> | null;
  return (
    typeof d === 'object' && d !== null && d.type === 'card-tokenized' && typeof d.token === 'string' && typeof d.processor === 'string' &&
    typeof d.brand === 'string' && typeof d.last4 === 'string' && typeof d.expMonth === 'number' && typeof d.expYear === 'number' && typeof d.cardholderName === 'string'
  );
};

/**
 * "Add card", the way card-present consoles do it: the card is typed into the payment
 * processor's own page (an iframe on the processor's origin, from `/config.json`), which sends
 * the number to the processor and answers with a token. This app, and so the API, only ever sees
 * the token. Without a configured processor there is no button.
 */
export function AddCard({ customer }: { customer: CustomerProfile }) {
  const processor = appConfig()?.cardProcessor;
  const [opened, setOpened] = useState(false);
  if (!processor) return null;
  return (
    <>
      <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpened(true)}>
        Add card
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Add card" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        {opened && <CardField customer={customer} processor={processor} onDone={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function CardField({ customer, processor, onDone }: { customer: CustomerProfile; processor: { name: string; fieldUrl: string }; onDone: () => void }) {
  const add = useAddCard(customer.id);
  const [isDefault, setIsDefault] = useState(customer.cards.length === 0);
  const fieldOrigin = new URL(processor.fieldUrl, window.location.href).origin;
  const src = `${processor.fieldUrl}${processor.fieldUrl.includes('?') ? '&' : '?'}origin=${encodeURIComponent(window.location.origin)}&name=${encodeURIComponent(`${customer.firstName} ${customer.lastName}`)}`;

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // Only the processor's page may hand over a card.
      if (event.origin !== fieldOrigin || !isTokenizedCard(event.data)) return;
      const { type: _type, ...card } = event.data;
      add.mutate({ ...card, isDefault }, { onSuccess: onDone });
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [add, fieldOrigin, isDefault, onDone]);

  return (
    <Stack>
      <Text size="sm">
        The card number goes straight to {processor.name} in the field below; the winery keeps only the processor’s token, the brand, the last four digits and the expiry.
      </Text>
      <iframe title={`Card details (${processor.name})`} src={src} style={{ width: '100%', height: 380, border: 0 }} />
      <Switch label="Make this the default card" checked={isDefault} onChange={(event) => setIsDefault(event.currentTarget.checked)} />
      {add.isPending && <Alert color="gray">Saving the card…</Alert>}
      <MutationError error={add.error} />
    </Stack>
  );
}
