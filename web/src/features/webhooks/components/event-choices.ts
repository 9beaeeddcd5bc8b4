import type { CreateWebhookBody } from '../api/webhooks';

type EventType = Exclude<CreateWebhookBody['events'][number], '*'>;

/** The events an endpoint can take, in the words staff read them. */
export const EVENT_CHOICES: readonly { value: EventType; label: string }[] = [
  { value: 'customer.created', label: 'Person created' },
  { value: 'customer.updated', label: 'Person changed' },
  { value: 'customer.merged', label: 'Person merged into another' },
  { value: 'customer.erased', label: 'Person erased' },
  { value: 'membership.created', label: 'Joined a club' },
  { value: 'membership.paused', label: 'Membership paused' },
  { value: 'membership.resumed', label: 'Membership resumed' },
  { value: 'membership.switched', label: 'Membership switched club' },
  { value: 'membership.cancelled', label: 'Membership cancelled' },
  { value: 'order.placed', label: 'Order placed' },
  { value: 'order.cancelled', label: 'Order cancelled' },
  { value: 'reservation.created', label: 'Reservation made' },
  { value: 'reservation.cancelled', label: 'Reservation cancelled' },
  { value: 'email.bounced', label: 'Email bounced' },
];

const labels = new Map<string, string>([...EVENT_CHOICES.map((choice) => [choice.value, choice.label] as const), ['ping', 'Test (ping)']]);

export const eventLabel = (type: string) => labels.get(type) ?? type;

/** "All events", or the chosen ones in words. */
export const eventsSummary = (events: readonly string[]) => (events.includes('*') ? 'All events' : events.map(eventLabel).join(', '));
