import { stringify } from 'yaml';

/**
 * Renders a value as a YAML document with the `yaml` library, quoting by YAML 1.1's rules so that both 1.1 and
 * 1.2 readers (PyYAML, go-yaml, yq) get strings back: `reason:`, `yes`, ISO timestamps come out quoted and
 * the output parses back to the same value.
 *
 * @param value - JSON-like data; Dates become ISO strings, undefined fields are left out
 * @returns the YAML text, ending with a newline
 */
export function toYaml(value: unknown): string {
  const plain = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  return stringify(plain, { version: '1.1', lineWidth: 0 });
}
