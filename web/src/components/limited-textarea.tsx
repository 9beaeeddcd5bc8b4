import { Text, Textarea, type TextareaProps } from '@mantine/core';

/**
 * A text area with the API's limit said before saving: a counter under it ("120 / 10,000
 * characters"), red and with the reason once over, so nobody meets "payload too large".
 */
export function LimitedTextarea({ max, noun, value, error, ...props }: TextareaProps & { max: number; noun: string; value: string }) {
  const over = value.length > max;
  const limit = max.toLocaleString('en-US');
  return (
    <Textarea
      {...props}
      value={value}
      error={error ?? (over ? `${noun} can be up to ${limit} characters` : undefined)}
      description={
        <Text span size="xs" c={over ? 'red.8' : 'dimmed'} aria-live="polite">
          {value.length.toLocaleString('en-US')} / {limit} characters
        </Text>
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}
