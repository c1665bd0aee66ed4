import 'reflect-metadata';
import { singleton } from 'tsyringe';

/** One kind of item in stock. */
export interface InventoryItem {
  name: string;
  perItemCost: number;
  quantity: number;
}

/**
 * The shop's stock, in memory (the seed keeps it in a Dapr state store). Activities get it injected;
 * tests register their own instance in a child container.
 */
@singleton()
export class InventoryService {
  private readonly items = new Map<string, InventoryItem>();

  constructor() {
    this.restock();
  }

  /** Resets the stock to 100 paperclips, 100 cars and 100 computers, as the seed's sample does. */
  restock(): void {
    this.items.clear();
    for (const item of [
      { name: 'Paperclips', perItemCost: 5, quantity: 100 },
      { name: 'Cars', perItemCost: 15_000, quantity: 100 },
      { name: 'Computers', perItemCost: 500, quantity: 100 },
    ])
      this.items.set(item.name.toLowerCase(), item);
  }

  /** The item of that name (any case), if stocked. */
  find(name: string): InventoryItem | undefined {
    return this.items.get(name.toLowerCase());
  }

  /**
   * Takes `quantity` items out of stock.
   *
   * @returns the quantity left
   * @throws Error when there are not enough
   */
  take(name: string, quantity: number): number {
    const item = this.find(name);
    if (!item || item.quantity < quantity) {
      throw new Error(`Insufficient inventory for ${name}: ${item?.quantity ?? 0} left, ${quantity} wanted.`);
    }
    item.quantity -= quantity;
    return item.quantity;
  }
}

/** Where NotifyActivity sends its messages: the console by default; tests read `sent`. */
@singleton()
export class Notifier {
  readonly sent: string[] = [];
  echo = true;

  /** Sends one message to the customer. */
  notify(message: string): void {
    this.sent.push(message);
    if (this.echo) console.log(`notify: ${message}`);
  }
}
