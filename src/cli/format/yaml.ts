/**
 * A small YAML emitter for the plain JSON-like values the CLI prints (objects, arrays, strings, numbers,
 * booleans, null). Strings are double-quoted whenever plain style could change their meaning.
 */

const PLAIN_STRING = /^[A-Za-z_][A-Za-z0-9_ .\-/:]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  if (PLAIN_STRING.test(text) && !RESERVED.test(text) && !text.endsWith(' ') && !text.includes(': '))
    return text;
  return JSON.stringify(text);
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function emit(value: unknown, indent: string): string[] {
  const normalised = value instanceof Date ? value.toISOString() : value;
  if (!isContainer(normalised)) return [scalar(normalised)];
  if (isEmpty(normalised)) return [Array.isArray(normalised) ? '[]' : '{}'];
  const lines: string[] = [];
  if (Array.isArray(normalised)) {
    for (const item of normalised) {
      const inner = emit(item, `${indent}  `);
      if (isContainer(item) && !isEmpty(item)) {
        lines.push(`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1));
      } else lines.push(`${indent}- ${inner[0]}`);
    }
    return lines;
  }
  for (const [key, item] of Object.entries(normalised)) {
    if (item === undefined) continue;
    const inner = emit(item, `${indent}  `);
    const keyText = scalar(key);
    if (isContainer(item) && !isEmpty(item)) lines.push(`${indent}${keyText}:`, ...inner);
    else lines.push(`${indent}${keyText}: ${inner[0]}`);
  }
  return lines;
}

/**
 * Renders a value as a YAML document.
 *
 * @param value - JSON-like data; Dates become ISO strings, undefined fields are left out
 * @returns the YAML text, ending with a newline
 */
export function toYaml(value: unknown): string {
  const value2 = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  return emit(value2, '').join('\n') + '\n';
}
