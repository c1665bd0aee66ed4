import { Activity, ActivityBase } from 'weft-workflows';
import type { ActivityContext } from 'weft-workflows';
import { GreetingService } from '../services/greeting-service';

/** An activity: the place for side effects. Weft injects its constructor arguments. */
@Activity({ name: 'send_greeting' })
export class SendGreetingActivity extends ActivityBase<string, string> {
  constructor(private readonly greetings: GreetingService) {
    super();
  }

  async run(_ctx: ActivityContext, name: string): Promise<string> {
    return this.greetings.send(name);
  }
}
