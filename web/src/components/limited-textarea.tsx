import { Text, Textarea, type TextareaProps } from '@mantine/core';
import { formatCount } from '@/lib/plural';

/**
 * A text area with the API's limit said before saving: a counter under it ("120 / 10,000
 * characters"), red and with the reason once over, so nobody meets "payload too large".
 */
export function LimitedTextarea({ max, noun, value, error, ...props }: TextareaProps & { max: number; noun: string; value: string }) {
  const over = value.length > max;
  const limit = formatCount(max);
  return (
    <Textarea
      {...props}
      value={value}
      error={error ?? (over ? `${noun} can be up to ${limit} characters` : undefined)}
      description={
        <Text span size="xs" c={over ? 'red.8' : 'dimmed'} aria-live="polite">
          {formatCount(value.length)} / {limit} characters
        </Text>
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}
