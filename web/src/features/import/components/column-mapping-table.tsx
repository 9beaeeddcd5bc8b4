import { NativeSelect, Table, Text } from '@mantine/core';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from '../lib/import-fields';

const IGNORE = '';
const OPTIONS = [{ value: IGNORE, label: 'Ignore' }, ...IMPORT_FIELDS.map((field) => ({ value: field.value, label: field.label }))];

/** Each column of the file, its first value, and the field it goes to (or "Ignore"). */
export function ColumnMappingTable({
  headers,
  sample,
  mapping,
  onChange,
  disabled,
}: {
  headers: readonly string[];
  sample: readonly string[] | undefined;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  disabled: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing="xs">
        <Table.Caption>Columns of the file and the fields they fill</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Column</Table.Th>
            <Table.Th scope="col">First value</Table.Th>
            <Table.Th scope="col">Field</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {headers.map((header, column) => (
            <Table.Tr key={column}>
              <Table.Th scope="row" fw={500}>
                {header}
              </Table.Th>
              <Table.Td>
                <Text size="sm" lineClamp={1} maw={220}>
                  {sample?.[column] ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={`Field for ${header}`}
                  data={OPTIONS}
                  value={mapping[column] ?? IGNORE}
                  disabled={disabled}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    const next = [...mapping];
                    next[column] = value === IGNORE ? null : (value as ImportField);
                    onChange(next);
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
