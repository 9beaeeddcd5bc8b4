import { Button } from '@mantine/core';
import { useState } from 'react';
import type { CustomerProfile } from '@/lib/api-client';
import { NewOrderDialog } from './new-order-dialog';
import { ReservationDialog } from './reservation-dialog';

/** The profile header's green "New order" and "Reservation" buttons, each opening its form. */
export function OrderActions({ customer }: { customer: CustomerProfile }) {
  const [open, setOpen] = useState<'order' | 'reservation'>();
  return (
    <>
      <Button color="#2b7a3b" onClick={() => setOpen('order')}>
        New order
      </Button>
      <Button color="#2b7a3b" onClick={() => setOpen('reservation')}>
        Reservation
      </Button>
      <NewOrderDialog customer={customer} opened={open === 'order'} onClose={() => setOpen(undefined)} />
      <ReservationDialog customer={customer} opened={open === 'reservation'} onClose={() => setOpen(undefined)} />
    </>
  );
}
