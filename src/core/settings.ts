/** The scheduling settings the bot and the scheduler share, taken from the configuration by main.ts. */
export type BotSettings = {
  defaultTimeZone: string;
  promptHour: number;
  reminderDelayHours: number;
  reminderMax: number;
  schoolDays: number[];
  quietHours: { start: number; end: number } | null;
  /** How the program is started on this machine, for hints: `npm start --` (the default) from a clone, `pdsa-bot` when installed. */
  cliCommand?: string;
};

export const defaultSettings: BotSettings = {
  defaultTimeZone: 'UTC',
  promptHour: 8,
  reminderDelayHours: 24,
  reminderMax: 2,
  schoolDays: [1, 2, 3, 4, 5],
  quietHours: { start: 20, end: 7 },
  cliCommand: 'npm start --',
};
