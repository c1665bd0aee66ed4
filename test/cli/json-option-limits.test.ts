import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS, ValidationError } from 'weft-workflows';
import { parseJsonOption } from '../../src/cli/options';

describe('CLI payload options are bounded by LIMITS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cli-limits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an @file over the payload limit without reading it', () => {
    const path = join(dir, 'huge.json');
    writeFileSync(path, '');
    truncateSync(path, LIMITS.payloadBytes + 1);
    expect(() => parseJsonOption(`@${path}`, '--input')).toThrow(ValidationError);
    expect(() => parseJsonOption(`@${path}`, '--input')).toThrow(
      `--input file ${path} is 2097153 bytes, over the payload limit of 2097152 bytes.`,
    );
  });

  it('still reads an @file under the limit', () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, '{"name":"Paperclips"}');
    expect(parseJsonOption(`@${path}`, '--input')).toEqual({ given: true, value: { name: 'Paperclips' } });
  });
});
