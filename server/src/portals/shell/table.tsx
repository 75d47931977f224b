// The lists of the portals (tokens, devices, users, keys): one table markup, so every list has its
// caption, column headers and the scroll wrapper; `responsive` stacks rows into cards on narrow
// screens, each cell showing its data-label.
import type { ComponentChildren } from 'preact';

export function ListTable(props: {
  caption: string;
  /** when the page's h2 already names the list for sighted people */
  captionHidden?: boolean;
  columns: readonly string[];
  /** a last column of per-row buttons (RowAction), whose header only screen readers hear */
  actions?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap">
      <table class="responsive">
        <caption class={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {props.actions ? (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A timestamp to the minute ("2026-01-02 03:04"), '—' for none. */
export const shortTime = (iso: string | null): string => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');
