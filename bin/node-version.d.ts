/** Why this Node.js cannot run pdsa-bot (one line to print), or undefined when it can. */
export function nodeVersionProblem(version?: string): string | undefined;
