import { useForm, type FormValidateInput, type UseFormReturnType } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { fieldErrorsOf } from '@/lib/field-errors';
import { changedFields, draftStore, restoreDraft } from '@/lib/drafts';

export interface DraftFormOptions<V extends object> {
  /** The record's values as the server holds them. */
  readonly initialValues: V;
  readonly validate?: FormValidateInput<V>;
  /**
   * Where the draft is kept while the form is away (`profile:<id>:general`), so it comes back
   * when the form does (a profile tab switched away from and back). Without it the draft lives
   * as long as the form (a dialog), and still counts for the leave guard while it does.
   */
  readonly draftKey?: string;
  /** What the leave guard names ("General · Ada Lovelace"). */
  readonly label: string;
  /** API paths → this form's paths, when they differ (`line1` → `address.line1`). */
  readonly errorPath?: (apiPath: string) => string;
}

export interface DraftForm<V extends object> {
  readonly form: UseFormReturnType<V>;
  /** Values differ from the record's. */
  readonly dirty: boolean;
  /** True from the click until the save settles: the Save button is disabled meanwhile. */
  readonly saving: boolean;
  /**
   * The form's submit handler: validates, then runs `save` once. A second submit while one is in
   * flight (a double click arrives before React has re-rendered the button as disabled) is
   * ignored, so one click is one request. A failed save puts the API's field errors, in words,
   * next to their fields; its alert is the mutation's error.
   */
  onSubmit(save: (values: V) => Promise<unknown>): (event?: React.FormEvent<HTMLFormElement>) => void;
  /** Back to the record's values; the draft is gone. */
  discard(): void;
}

let nextId = 0;

/** A Mantine form whose unsaved values survive the form unmounting and keep the leave guard told. */
export function useDraftForm<V extends object>({ initialValues, validate, draftKey, label, errorPath }: DraftFormOptions<V>): DraftForm<V> {
  const [key] = useState(() => draftKey ?? `form:${(nextId += 1)}`);
  const form = useForm<V>({ initialValues: restoreDraft(draftStore.get(key), initialValues as Record<string, unknown>) as V, validate });
  const dirty = changedFields(initialValues as Record<string, unknown>, form.values as Record<string, unknown>).length > 0;
  const inFlight = useRef(false);
  const [saving, setSaving] = useState(false);

  // Kept in step with what staff typed; a form back at the record's values has no draft.
  const valuesJson = JSON.stringify(form.values);
  useEffect(() => {
    if (dirty) draftStore.set(key, { label, base: initialValues as Record<string, unknown>, values: form.values as Record<string, unknown> });
    else draftStore.delete(key);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the values' JSON stands for the values
  }, [key, dirty, valuesJson, label]);
  // A form without a draft key takes its draft with it.
  useEffect(() => (draftKey ? undefined : () => draftStore.delete(key)), [draftKey, key]);

  return {
    form,
    dirty,
    saving,
    onSubmit: (save) =>
      form.onSubmit(async (values) => {
        if (inFlight.current) return;
        inFlight.current = true;
        setSaving(true);
        try {
          await save(values);
          draftStore.delete(key);
        } catch (error) {
          const errors = fieldErrorsOf(error);
          form.setErrors(errorPath ? Object.fromEntries(Object.entries(errors).map(([path, message]) => [errorPath(path), message])) : errors);
        } finally {
          inFlight.current = false;
          setSaving(false);
        }
      }),
    discard() {
      draftStore.delete(key);
      form.setValues(initialValues);
      form.clearErrors();
    },
  };
}
