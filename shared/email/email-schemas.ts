import * as z from '../schemas/zod';
import { Id, Instant, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'bounced', 'complained', 'failed'] as const;
export const EmailStatus = /* @__PURE__ */ lazySchema(() => z.meta(z.enum(EMAIL_STATUSES), {
  description:
    'queued (logged, not yet handed to SES) → sending → sent (SES accepted it) → delivered | bounced | complained ' +
    '(from SES events); failed when SES refused it for good (`error` says why).',
}));
export type EmailStatus = z.infer<typeof EmailStatus>;

export const EmailLog = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    template: z.meta(z.string(), { description: 'Which email: welcome, password-reset, club-joined, order-placed, …' }),
    subject: z.string(),
    to: z.meta(z.array(z.string()), { description: "The person's email and their additional emails." }),
    status: EmailStatus,
    messageId: z.meta(z.nullable(z.string()), { description: "SES's message id, once sent." }),
    error: z.meta(z.nullable(z.string()), { description: 'Why it failed, bounced or was complained about.' }),
    createdAt: Instant,
    updatedAt: Instant,
  }),
  { id: 'EmailLog' },
));
export type EmailLog = z.infer<typeof EmailLog>;

export const EmailLogList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(EmailLog), { id: 'EmailLogList' }));
