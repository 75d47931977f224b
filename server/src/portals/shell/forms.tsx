// Form building blocks: every field has a visible label, an optional hint and its error message tied
// to it with aria-describedby; every POST form carries the CSRF token. Values are escaped by preact.
import type { ComponentChildren } from 'preact';
import { usePageContext } from './page-context';

/** Field name → message, as re-displayed with the form after a validation error. */
export type FormErrors = Partial<Record<string, string>>;

/** The name of the hidden form field (and `x-csrf-token` header) carrying the CSRF token. */
export const CSRF_FIELD = '_csrf';

export function CsrfField() {
  return <input type="hidden" name={CSRF_FIELD} value={usePageContext().csrfToken} />;
}

/** A POST form with its CSRF field; `novalidate` is left to the caller: the server validates anyway. */
export function PostForm(props: {
  action: string;
  children?: ComponentChildren;
  class?: string;
  id?: string;
  'aria-label'?: string;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class}
      id={props.id}
      aria-label={props['aria-label']}
    >
      <CsrfField />
      {props.children}
    </form>
  );
}

/** A one-button form in a table row (Revoke, Remove): a POST with its CSRF field, named for screen readers. */
export function RowAction(props: { action: string; label: string; 'aria-label': string }) {
  return (
    <PostForm action={props.action} class="inline">
      <button type="submit" class="link-button" aria-label={props['aria-label']}>
        {props.label}
      </button>
    </PostForm>
  );
}

interface FieldBase {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  id?: string;
}

type Described = Pick<FieldBase, 'name' | 'id' | 'hint' | 'error'>;

const idOf = (props: Described) => props.id ?? `field-${props.name}`;

export function describedBy(props: Described): string | undefined {
  const id = idOf(props);
  const ids = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The hint and the error message of a field, with the ids its control's aria-describedby names. */
function HintAndError(props: Described) {
  const id = idOf(props);
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

/** Label, hint and error around a control of the caller's own (the recovery key id input). */
export function FieldFrame(props: FieldBase & { children: ComponentChildren }) {
  const id = idOf(props);
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? null : <span class="optional"> (optional)</span>}
      </label>
      <HintAndError {...props} />
      {props.children}
    </div>
  );
}

export function Field(
  props: FieldBase & {
    type?: 'text' | 'password' | 'email' | 'url' | 'number' | 'search' | 'tel';
    value?: string;
    autocomplete?: string;
    inputMode?: 'text' | 'numeric' | 'email' | 'url' | 'tel' | 'search';
    pattern?: string;
    maxLength?: number;
    spellcheck?: boolean;
    autofocus?: boolean;
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        id={idOf(props)}
        name={props.name}
        // preact types `type` as a discriminated union; every value of ours is a plain text-like input
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        pattern={props.pattern}
        maxLength={props.maxLength}
        spellcheck={props.spellcheck}
        autofocus={props.autofocus}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldBase & { value?: string; rows?: number; maxLength?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={idOf(props)}
        name={props.name}
        rows={props.rows ?? 5}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldBase & { options: SelectOption[]; value?: string; placeholder?: string },
) {
  return (
    <FieldFrame {...props}>
      <select
        id={idOf(props)}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A group of checkboxes (e.g. roles) in a fieldset with a legend. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: SelectOption[];
  checked: readonly string[];
  hint?: string;
  error?: string;
}) {
  const id = idOf(props);
  return (
    <fieldset class={props.error ? 'field field-error' : 'field'} aria-describedby={describedBy(props)}>
      <legend>{props.legend}</legend>
      <HintAndError {...props} />
      {props.options.map((o, i) => (
        <div class="checkbox" key={o.value}>
          <input
            type="checkbox"
            id={`${id}-${i}`}
            name={props.name}
            value={o.value}
            checked={props.checked.includes(o.value)}
          />
          <label for={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A single checkbox with its label. */
export function Checkbox(props: {
  name: string;
  label: string;
  checked?: boolean;
  value?: string;
  hint?: string;
}) {
  const id = idOf(props);
  return (
    <div class="field checkbox">
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value={props.value ?? 'on'}
        checked={props.checked}
        aria-describedby={describedBy(props)}
      />
      <label for={id}>{props.label}</label>
      <HintAndError {...props} />
    </div>
  );
}

/** The list of errors at the top of a re-displayed form, each linking to its field. */
export function ErrorSummary(props: { errors: FormErrors; title?: string }) {
  const entries = Object.entries(props.errors).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{props.title ?? 'There is a problem'}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#field-${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SubmitButton(props: {
  label: string;
  kind?: 'primary' | 'secondary' | 'danger';
  name?: string;
  value?: string;
}) {
  return (
    <button
      type="submit"
      class={`button button-${props.kind ?? 'primary'}`}
      name={props.name}
      value={props.value}
    >
      {props.label}
    </button>
  );
}

/** A status message after an action (role=status so screen readers announce it). */
export function Notice(props: {
  kind?: 'success' | 'info' | 'warning' | 'error';
  children: ComponentChildren;
}) {
  const kind = props.kind ?? 'info';
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

/**
 * A secret shown once (a recovery password, a new API token): monospace, selectable, with a Copy
 * button that app.js reveals (it stays hidden without JavaScript).
 */
export function SecretValue(props: { id: string; label: string; value: string; hint?: string }) {
  return (
    <div class="secret">
      <p class="secret-label" id={`${props.id}-label`}>
        {props.label}
      </p>
      <output id={props.id} class="secret-value" aria-labelledby={`${props.id}-label`}>
        {props.value}
      </output>
      <CopyButton target={props.id} />
      {props.hint ? <p class="hint">{props.hint}</p> : null}
    </div>
  );
}

export function CopyButton(props: { target: string; label?: string }) {
  return (
    <button type="button" class="button button-secondary copy-button" data-copy={props.target} hidden>
      {props.label ?? 'Copy'}
    </button>
  );
}
