// The bot token scopes pdsa-bot asks for, the same as in manifest.yml (a
// test keeps the two equal). Each is needed; see manifest.yml for why.
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:history',
  'im:write',
  'users:read',
  'files:write',
] as const;
