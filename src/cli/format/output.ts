import type { OutputFormat } from '../options';
import type { Table } from './table';
import { renderTable } from './table';
import { toYaml } from './yaml';

/**
 * Renders data in the chosen format: a table for short and wide, or the structured value as JSON or YAML.
 *
 * @param format - the format
 * @param data - the structured value (printed for json and yaml)
 * @param table - builds the table for short or wide
 * @returns text ending in a newline
 */
export function renderOutput(format: OutputFormat, data: unknown, table: (wide: boolean) => Table): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
    case 'yaml':
      return toYaml(data);
    case 'wide':
      return renderTable(table(true));
    default:
      return renderTable(table(false));
  }
}

/**
 * Shows any payload compactly on one line: strings as they are, everything else as JSON.
 *
 * @param value - a parsed payload
 */
export function payloadText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
