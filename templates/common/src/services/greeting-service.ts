import { singleton } from 'tsyringe';

/**
 * A plain service the activity gets through its constructor. Replace it with your own (a database, an
 * HTTP client, …); tests swap it for a fake through the container.
 */
@singleton()
export class GreetingService {
  private readonly sent: string[] = [];

  /** Builds and "sends" a greeting; returns what was sent. */
  async send(name: string): Promise<string> {
    const message = `Hello, ${name}!`;
    this.sent.push(message);
    return message;
  }
}
