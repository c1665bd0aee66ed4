import { uuidV5 } from '../../src/core/uuid-v5';

/** Name-based UUIDs (RFC 4122 version 5), as deterministic workflow GUIDs and task execution ids use them. */
describe('uuidV5', () => {
  const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
  const URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

  it('gives the published ids for names in the DNS and URL namespaces', () => {
    // The values Python's uuid.uuid5 (and every other conforming implementation) gives.
    expect(uuidV5('www.example.com', DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('python.org', DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('keeps namespaces apart when called alternately, and hashes names as UTF-8', () => {
    const a = uuidV5('same', DNS);
    const b = uuidV5('same', URL);
    expect(a).not.toBe(b);
    expect(uuidV5('same', DNS)).toBe(a);
    expect(uuidV5('same', URL)).toBe(b);
    expect(uuidV5('é', DNS)).not.toBe(uuidV5('\u00c3\u00a9', DNS));
    expect(uuidV5('x', DNS)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
