import { z } from '../schemas/zod';
import { Id, Instant, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'bounced', 'complained', 'failed'] as const;
export const EmailStatus = /* @__PURE__ */ lazySchema(() => z.enum(EMAIL_STATUSES).meta({
  description:
    'queued (logged, not yet handed to SES) → sending → sent (SES accepted it) → delivered | bounced | complained ' +
    '(from SES events); failed when SES refused it for good (`error` says why).',
}));
export type EmailStatus = z.infer<typeof EmailStatus>;

export const EmailLog = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: Id,
    template: z.string().meta({ description: 'Which email: welcome, password-reset, club-joined, order-placed, …' }),
    subject: z.string(),
    to: z.array(z.string()).meta({ description: "The person's email and their additional emails." }),
    status: EmailStatus,
    messageId: z.string().nullable().meta({ description: "SES's message id, once sent." }),
    error: z.string().nullable().meta({ description: 'Why it failed, bounced or was complained about.' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'EmailLog' }));
export type EmailLog = z.infer<typeof EmailLog>;

export const EmailLogList = /* @__PURE__ */ lazySchema(() => listOf(EmailLog).meta({ id: 'EmailLogList' }));
