import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import type { Bot } from '../../src/bot/bot.ts';
import type { Actor, InboundEvent } from '../../src/bot/inbound.ts';
import { nothingSavedText } from '../../src/bot/user-error.ts';
import { textMessage } from '../../src/core/message-model.ts';
import { terminalUserId } from '../../src/core/terminal-user-id.ts';
import type { ShellPort } from './shell-port.ts';
import { parseShellLine } from './shell-protocol.ts';
import type { SimulatedClock } from './simulated-clock.ts';

export type ShellDeps = {
  bot: Bot;
  port: ShellPort;
  clock: SimulatedClock;
  /** Zone for the clock when the speaker is in no network (PDSA_TIME_ZONE). */
  timeZone: string;
  /** The time zone of the speaker's network, if they are in one: the clock is shown and read in it. */
  networkTimeZoneOf(actor: Actor): Promise<string | undefined>;
  input: Readable;
  write(text: string): void;
  interactive: boolean;
  initialUser: string;
  /** Runs the scheduler at the current (simulated) time: plans and sends what is due. */
  runDueWork(): Promise<void>;
};

export const SHELL_WORKSPACE = 'local';

export function shellActor(name: string): Actor {
  // `as @Ana Lopez` and `as Ana Lopez` are the person `member add @Ana Lopez` added.
  const userId = terminalUserId(name);
  const displayName = name.trim().replace(/^@\s*/, '');
  return {
    platform: 'shell',
    workspaceId: SHELL_WORKSPACE,
    userId,
    displayName,
    address: { platform: 'shell', user: userId, name: displayName },
  };
}

/**
 * Reads the terminal protocol line by line, from a keyboard or a pipe, and
 * resolves after the end of input once the work in hand is finished.
 */
export async function runShell(deps: ShellDeps): Promise<void> {
  let user = deps.initialUser;
  let counter = 0;
  const runId = Date.now().toString(36);
  const rl = createInterface({ input: deps.input, terminal: false });
  const prompt = () => {
    if (deps.interactive) deps.write(`${user}> `);
  };

  const send = async (event: InboundEvent) => {
    try {
      const result = await deps.bot.handle(event);
      // A terminal has no forms: show the questions, then the replies, which say how to answer one by one.
      if (result.openForm) {
        deps.port.showReply(shellActor(user).userId, {
          summary: result.openForm.title,
          blocks: [{ type: 'form', form: result.openForm }],
        });
      }
      for (const reply of result.replies) deps.port.showReply(shellActor(user).userId, reply.message);
      await deps.runDueWork();
    } catch (error) {
      deps.write(`${nothingSavedText(error)}\n`);
    }
  };

  const speakerZone = async (actor: Actor) => {
    // The clock still shows (in PDSA_TIME_ZONE) when the database cannot say.
    try {
      return await deps.networkTimeZoneOf(actor);
    } catch {
      return undefined;
    }
  };

  if (deps.interactive) {
    deps.write(
      'pdsa-bot in your terminal. Type `/pdsa help` to start, `as <name>` to speak as someone else, `clock +1d` to move time on. Ctrl-D quits.\n',
    );
  }
  prompt();
  for await (const raw of rl) {
    const line = parseShellLine(raw);
    const actor = shellActor(user);
    const eventId = `shell-${runId}-${++counter}`;
    switch (line.kind) {
      case 'empty':
        break;
      case 'invalid':
        deps.write(`${line.message}\n`);
        break;
      case 'as':
        user = line.name.replace(/^@\s*/, '');
        deps.write(`You are now ${user}.\n`);
        break;
      case 'clock': {
        // The clock reads in the speaker's network's time, as their prompts do.
        const zone = (await speakerZone(actor)) ?? deps.timeZone;
        if (line.to.kind !== 'show') {
          const target =
            line.to.kind === 'relative'
              ? new Date(deps.clock.now().getTime() + line.to.ms)
              : DateTime.fromISO(line.to.iso, { zone }).toJSDate();
          const moved = deps.clock.advanceTo(target);
          if (!moved.ok) {
            deps.write(`I can't move the clock there: ${moved.reason}.\n`);
            break;
          }
        }
        deps.write(
          `Clock: ${DateTime.fromJSDate(deps.clock.now(), { zone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ')}\n`,
        );
        try {
          await deps.runDueWork();
        } catch (error) {
          deps.write(`Could not run the scheduled work: ${(error as Error).message}\n`);
        }
        break;
      }
      case 'press': {
        const buttons = deps.port.buttonsByUser.get(actor.userId) ?? [];
        const n = Number(line.choice);
        const chosen = Number.isInteger(n)
          ? buttons[n - 1]
          : buttons.find((b) => b.label.toLowerCase() === line.choice.toLowerCase());
        if (!chosen) {
          deps.port.showReply(
            actor.userId,
            textMessage(
              buttons.length
                ? `There is no choice "${line.choice}". Type \`press 1\` to \`press ${buttons.length}\`.`
                : 'There are no buttons to press right now.',
            ),
          );
          break;
        }
        await send({
          kind: 'action',
          eventId,
          actor,
          actionId: chosen.actionId,
          value: chosen.value,
          conversation: actor.address,
        });
        break;
      }
      case 'command':
        await send({ kind: 'command', eventId, actor, text: line.text, conversation: actor.address });
        break;
      case 'reply':
        await send({ kind: 'reply', eventId, actor, text: line.text, conversation: actor.address });
        break;
    }
    prompt();
  }
}
