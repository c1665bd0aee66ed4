/** One table: column headings and rows of cell text, rendered with columns padded to their widest cell. */
export interface Table {
  /** Column headings, upper case by convention. */
  headers: string[];
  /** Rows of cells, one string per column. */
  rows: string[][];
}

/**
 * Renders a table as plain text: columns separated by three spaces, padded to their widest cell, the
 * last column not padded. Newlines in cells are shown as `\n` so that each row stays on one line.
 *
 * @param table - headings and rows
 * @returns the text, ending with a newline
 */
export function renderTable(table: Table): string {
  const clean = (cell: string): string => cell.replace(/\r?\n/g, '\\n');
  const rows = [table.headers, ...table.rows.map((row) => row.map(clean))];
  const widths = table.headers.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const lines = rows.map((row) =>
    row
      .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col])))
      .join('   ')
      .trimEnd(),
  );
  return lines.join('\n') + '\n';
}

/**
 * Shortens text to `max` characters, ending in an ellipsis when cut.
 *
 * @param text - any text
 * @param max - the longest result
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
