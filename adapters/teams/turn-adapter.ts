import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';

/**
 * botbuilder's CloudAdapter, for a request that inbound-auth.ts has already
 * authenticated: the turn runs exactly as CloudAdapter.process would run it
 * (connector client, turn context, middleware, invoke response), without
 * checking the token a second time.
 */
export class TurnAdapter extends CloudAdapter {
  runTurn(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
