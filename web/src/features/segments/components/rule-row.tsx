import { ActionIcon, Group, MultiSelect, NumberInput, Select, TagsInput, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useClubs, useCustomerClasses, useSettings } from '@/hooks/use-reference-data';
import { useSegmentValues } from '../api/segments';
import { FIELDS, FIELD_OPTIONS, MONTHS, newRule, type RuleDraft, type RuleField } from '../lib/rule-fields';

/**
 * One rule of the builder: the field, its operator, and a value picker that knows the winery
 * (its flags, classes, clubs, the regions and countries on its people's addresses, the months).
 * Every input is labelled with the rule's number, so a screen reader tells the rules apart.
 */
export function RuleRow({
  index,
  rule,
  error,
  onChange,
  onRemove,
}: {
  index: number;
  rule: RuleDraft;
  error?: string;
  onChange: (rule: RuleDraft) => void;
  onRemove?: () => void;
}) {
  const info = FIELDS[rule.field];
  const n = index + 1;
  return (
    <Group align="flex-start" gap="xs" wrap="nowrap">
      <Select
        label={`Rule ${n}: field`}
        data={FIELD_OPTIONS}
        value={rule.field}
        onChange={(field) => field && onChange(newRule(field as RuleField))}
        allowDeselect={false}
        w={220}
      />
      <Select
        label={`Rule ${n}: operator`}
        data={info.ops}
        value={rule.op}
        onChange={(op) => op && onChange({ ...rule, op })}
        allowDeselect={false}
        w={230}
      />
      <ValuePicker label={`Rule ${n}: value`} rule={rule} error={error} onChange={(value) => onChange({ ...rule, value })} />
      {onRemove && (
        <ActionIcon variant="subtle" color="red.9" aria-label={`Remove rule ${n}`} onClick={onRemove} mt={28}>
          <IconX size={18} aria-hidden />
        </ActionIcon>
      )}
    </Group>
  );
}

function ValuePicker({ label, rule, error, onChange }: { label: string; rule: RuleDraft; error?: string; onChange: (value: string | string[]) => void }) {
  const settings = useSettings();
  const classes = useCustomerClasses();
  const clubs = useClubs();
  const values = useSegmentValues();
  const text = typeof rule.value === 'string' ? rule.value : '';
  const list = Array.isArray(rule.value) ? rule.value : [];
  const width = 260;
  switch (FIELDS[rule.field].kind) {
    case 'flag':
      return <Select label={label} placeholder="Choose a flag" data={(settings.data?.flags ?? []).map((f) => ({ value: f.key, label: f.title }))} value={text || null} onChange={(v) => onChange(v ?? '')} error={error} searchable w={width} />;
    case 'class':
      return <Select label={label} placeholder="Choose a class" data={(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={text || null} onChange={(v) => onChange(v ?? '')} error={error} searchable w={width} />;
    case 'club':
      return <Select label={label} placeholder="Choose a club" data={(clubs.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={text || null} onChange={(v) => onChange(v ?? '')} error={error} searchable w={width} />;
    case 'regions':
      return <TagsInput label={label} placeholder="Type or pick a region" data={values.data?.regions ?? []} value={list} onChange={onChange} error={error} w={width} />;
    case 'countries':
      return (
        <TagsInput
          label={label}
          placeholder="Type or pick a country code"
          data={values.data?.countries ?? []}
          value={list}
          onChange={(codes) => onChange(codes.map((code) => code.trim().toUpperCase()))}
          error={error}
          w={width}
        />
      );
    case 'months':
      return <MultiSelect label={label} placeholder="Choose months" data={MONTHS.map((month, i) => ({ value: String(i + 1), label: month }))} value={list} onChange={onChange} error={error} w={width} />;
    case 'yesNo':
      return <Select label={label} data={[{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }]} value={text} onChange={(v) => onChange(v ?? 'true')} allowDeselect={false} w={width} />;
    case 'days':
      return <NumberInput label={label} suffix=" days" min={1} allowDecimal={false} value={text} onChange={(v) => onChange(String(v))} error={error} w={width} />;
    case 'count':
      return <NumberInput label={label} min={0} allowDecimal={false} value={text} onChange={(v) => onChange(String(v))} error={error} w={width} />;
    case 'money':
      return <TextInput label={label} placeholder="250.00" inputMode="decimal" value={text} onChange={(event) => onChange(event.currentTarget.value)} error={error} w={width} />;
  }
}
