import type { KeyboardEvent } from 'react';

/**
 * Up/Down/Home/End move focus between claim rows, so an analyst can read down the table from the
 * keyboard without tabbing through every cell.
 */
export function moveRowFocus(event: KeyboardEvent<HTMLTableSectionElement>): void {
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLTableRowElement>('tr[tabindex]'));
  const index = rows.indexOf(document.activeElement as HTMLTableRowElement);
  if (index < 0) return;
  const target =
    event.key === 'ArrowDown'
      ? rows[index + 1]
      : event.key === 'ArrowUp'
        ? rows[index - 1]
        : event.key === 'Home'
          ? rows[0]
          : event.key === 'End'
            ? rows[rows.length - 1]
            : undefined;
  if (!target) return;
  event.preventDefault();
  target.focus();
}
