import { Button, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { FormActions } from '@/components/form-actions';
import { MutationError } from '@/components/problem-alert';
import { useDraftForm } from '@/hooks/use-draft-form';
import { countOf } from '@/lib/plural';
import { useCreateSegment, useDryCount, useUpdateSegment, type Segment, type SegmentDefinition } from '../api/segments';
import { newRule, toDraft, toRules, type RuleDraft } from '../lib/rule-fields';
import { RuleRow } from './rule-row';

interface SegmentValues {
  name: string;
  match: 'all' | 'any';
  rules: RuleDraft[];
}

const valuesOf = (segment: Segment | undefined): SegmentValues =>
  segment ? { name: segment.name, match: segment.match, rules: segment.rules.map(toDraft) } : { name: '', match: 'all', rules: [newRule('flag')] };

/**
 * The rule builder: a name, all or any, the rules, and how many people they pick now (a dry
 * count, asked again a moment after each change; nothing is saved until Save). A new segment is
 * counted in the background once saved; changed rules are counted again.
 */
export function SegmentEditor({ segment, onSaved, onCancel }: { segment?: Segment; onSaved: (segment: Segment) => void; onCancel?: () => void }) {
  const create = useCreateSegment();
  const update = useUpdateSegment(segment?.id ?? '');
  const draft = useDraftForm<SegmentValues>({
    initialValues: valuesOf(segment),
    label: segment ? `Segment · ${segment.name}` : 'New segment',
    draftKey: `segment:${segment?.id ?? 'new'}`,
    validate: (values) => ({
      name: values.name.trim() ? null : 'Enter a name',
      ...Object.fromEntries(Object.entries(toRules(values.rules).errors).map(([index, message]) => [`rules.${index}.value`, message])),
    }),
  });
  const { form } = draft;
  const { rules, errors } = toRules(form.values.rules);
  const complete = rules.length > 0 && Object.keys(errors).length === 0;
  const [definition] = useDebouncedValue<SegmentDefinition | undefined>(complete ? { match: form.values.match, rules } : undefined, 400, { leading: false });
  const dry = useDryCount(definition);

  const save = draft.onSubmit(async (values) => {
    const body = { name: values.name.trim(), match: values.match, rules: toRules(values.rules).rules };
    const saved = segment ? await update.mutateAsync({ version: segment.version, body }) : await create.mutateAsync(body);
    draft.discard();
    onSaved(saved);
  });
  const setRule = (index: number, rule: RuleDraft) => form.setFieldValue(`rules.${index}`, rule);

  return (
    <form onSubmit={save} noValidate>
      <Stack gap="md" maw={1000}>
        <TextInput label="Name" required {...form.getInputProps('name')} w={420} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="segment-match">
            People who match
          </Text>
          <SegmentedControl
            aria-labelledby="segment-match"
            data={[
              { value: 'all', label: 'All of these rules' },
              { value: 'any', label: 'Any of these rules' },
            ]}
            {...form.getInputProps('match')}
            w="fit-content"
          />
        </Stack>
        <Stack gap="sm">
          {form.values.rules.map((rule, index) => (
            <RuleRow
              key={index}
              index={index}
              rule={rule}
              error={form.errors[`rules.${index}.value`] as string | undefined}
              onChange={(next) => setRule(index, next)}
              onRemove={form.values.rules.length > 1 ? () => form.removeListItem('rules', index) : undefined}
            />
          ))}
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('rules', newRule('flag'))} w="fit-content" disabled={form.values.rules.length >= 20}>
            Add rule
          </Button>
        </Stack>
        <Paper withBorder p="sm" w="fit-content" aria-live="polite">
          <Text fw={500}>
            {!complete
              ? 'Finish the rules to see how many people match.'
              : dry.data === undefined || dry.isFetching
                ? 'Counting…'
                : dry.data.complete
                  ? `${countOf(dry.data.count, 'person matches', 'people match')} now, of ${countOf(dry.data.people, 'person', 'people')}`
                  : `${countOf(dry.data.count, 'person matches', 'people match')} among the first ${countOf(dry.data.people, 'person', 'people')}`}
          </Text>
        </Paper>
        <MutationError error={segment ? update.error : create.error} />
        <Group>
          <FormActions saveLabel={segment ? 'Save segment' : 'Create segment'} saving={draft.saving} dirty={draft.dirty || !segment} onCancel={onCancel} alwaysCancel={onCancel !== undefined} />
        </Group>
      </Stack>
    </form>
  );
}
