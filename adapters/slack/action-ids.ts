// Block Kit wants every action_id in a message or view to be different, while
// the core may show two buttons with the same action (and different values).
// Repeats get a "#2", "#3"… suffix that is removed again when Slack sends the
// action back.

/** Buttons whose action id starts with this open a form (a modal) at once. */
export const FORM_OPEN_PREFIX = 'form.open:';

/** The `callback_id` of every modal that carries a core form. */
export const FORM_CALLBACK_ID = 'pdsa.form';

/** The `callback_id` of the placeholder modal shown while a form loads. */
export const LOADING_CALLBACK_ID = 'pdsa.loading';

export const MAX_ACTION_ID = 255;

const SUFFIX = /#\d+$/;

export function formOpenActionId(formId: string): string {
  return `${FORM_OPEN_PREFIX}${formId}`;
}

export function isFormOpen(actionId: string): boolean {
  return actionId.startsWith(FORM_OPEN_PREFIX);
}

/** Hands out action ids for one message or view, suffixing repeats. */
export function actionIdAllocator(): (coreId: string) => string {
  const seen = new Map<string, number>();
  return (coreId) => {
    const count = (seen.get(coreId) ?? 0) + 1;
    seen.set(coreId, count);
    return count === 1 ? coreId : `${coreId}#${count}`;
  };
}

/** The core's action id behind a Slack action_id. */
export function coreActionId(slackActionId: string): string {
  return slackActionId.replace(SUFFIX, '');
}
