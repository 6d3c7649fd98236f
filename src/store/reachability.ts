// Where the adapters and the scheduler find these; they belong to the owner
// of `people` (people.ts), which alone writes that table.
export {
  markUnreachable,
  markWorkspaceReachable,
  markWorkspaceUnreachable,
  type PersonKey,
} from './people.ts';
