import { uuidV5 } from './uuid-v5';

/** The UUID namespace of workflow GUIDs, the one the Durable Task SDKs' `NewGuid` uses. */
const GUID_NAMESPACE = '9e952958-5e33-4daf-827f-2fa12937b875';

/**
 * The deterministic GUIDs of one execution, as the Durable Task SDKs' `NewGuid`: UUID v5 of
 * `<instanceId>_<step time, ISO 8601>_<counter>`, so a replay of the same history gives the same ids.
 */
export class DeterministicGuids {
  private counter = 0;
  /** The name prefix (instance id and step time) for `prefixTime`. */
  private prefix = '';
  private prefixTime: number | undefined;

  /** @param instanceId - the instance the GUIDs belong to */
  constructor(private readonly instanceId: string) {}

  /**
   * The next GUID.
   *
   * @param now - the time of the current step, in epoch ms
   */
  next(now: number): string {
    if (this.prefixTime !== now) {
      this.prefixTime = now;
      this.prefix = `${this.instanceId}_${new Date(now).toISOString()}_`;
    }
    return uuidV5(`${this.prefix}${this.counter++}`, GUID_NAMESPACE);
  }
}
