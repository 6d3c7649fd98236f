import { z } from 'zod';
import { platformSchema } from './domain.ts';

// Where a message can be delivered. The core never looks inside: only the
// adapter of `platform` knows whether it holds a Slack channel id, a Teams
// conversation reference or a terminal user name.
export const addressSchema = z.looseObject({ platform: platformSchema });
export type Address = z.infer<typeof addressSchema>;
