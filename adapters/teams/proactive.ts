import type { CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';

// botbuilder runs proactive logic through the adapter's middleware, which
// hands an error to `onTurnError` instead of throwing it. A send that fails
// must fail its caller (the outbox decides what to do), so the error is
// carried out of the turn here.

export async function continueIn(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  await rethrowing((wrapped) => adapter.continueConversationAsync(appId, reference, wrapped), logic);
}

/** Opens a conversation (POST /v3/conversations) and runs `logic` in it. */
export async function createIn(
  adapter: CloudAdapter,
  appId: string,
  where: { serviceUrl: string; audience: string; parameters: ConversationParameters },
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  await rethrowing(
    (wrapped) =>
      adapter.createConversationAsync(
        appId,
        'msteams',
        where.serviceUrl,
        where.audience,
        where.parameters,
        wrapped,
      ),
    logic,
  );
}

async function rethrowing(
  run: (logic: (context: TurnContext) => Promise<void>) => Promise<void>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failed = false;
  let failure: unknown;
  await run(async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failed = true;
      failure = error;
    }
  });
  if (failed) throw failure;
}
