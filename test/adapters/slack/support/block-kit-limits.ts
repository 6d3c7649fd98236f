// Slack's documented limits for what the adapter sends (Block Kit reference,
// as restated in @slack/types: blocks, block elements, composition objects
// and views). Slack refuses a whole message or view that breaks any one of
// them (invalid_blocks), so the stand-in Slack checks every payload with
// these and answers as Slack would.

export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  imageAltText: 2000,
  imageTitle: 2000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  plainTextInputMax: 3000,
  selectOptions: 100,
  radioOptions: 10,
  checkboxOptions: 10,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const textOf = (v: unknown): string | undefined =>
  isObject(v) && typeof v.text === 'string' ? v.text : undefined;

class Checker {
  readonly problems: string[] = [];
  readonly #actionIds = new Set<string>();
  readonly #blockIds = new Set<string>();

  max(where: string, value: string | undefined, max: number): void {
    if (value !== undefined && value.length > max) {
      this.problems.push(`${where}: ${value.length} characters (at most ${max})`);
    }
  }

  nonEmpty(where: string, value: string | undefined): void {
    if (value !== undefined && value.length === 0) this.problems.push(`${where}: empty text`);
  }

  count(where: string, items: unknown[], max: number, min = 0): void {
    if (items.length > max) this.problems.push(`${where}: ${items.length} items (at most ${max})`);
    if (items.length < min) this.problems.push(`${where}: ${items.length} items (at least ${min})`);
  }

  actionId(where: string, id: unknown): void {
    if (typeof id !== 'string') return;
    this.max(`${where}.action_id`, id, SLACK_LIMITS.actionId);
    if (this.#actionIds.has(id)) this.problems.push(`${where}: action_id "${id}" used twice`);
    this.#actionIds.add(id);
  }

  blockId(where: string, id: unknown): void {
    if (typeof id !== 'string') return;
    this.max(`${where}.block_id`, id, SLACK_LIMITS.blockId);
    if (this.#blockIds.has(id)) this.problems.push(`${where}: block_id "${id}" used twice`);
    this.#blockIds.add(id);
  }

  text(where: string, obj: unknown, max: number): void {
    const text = textOf(obj);
    this.nonEmpty(where, text);
    this.max(where, text, max);
  }

  option(where: string, option: unknown): void {
    if (!isObject(option)) return;
    this.text(`${where}.text`, option.text, SLACK_LIMITS.optionText);
    this.max(
      `${where}.value`,
      typeof option.value === 'string' ? option.value : undefined,
      SLACK_LIMITS.optionValue,
    );
    this.max(`${where}.description`, textOf(option.description), SLACK_LIMITS.optionDescription);
  }

  confirm(where: string, confirm: unknown): void {
    if (!isObject(confirm)) return;
    this.text(`${where}.title`, confirm.title, SLACK_LIMITS.confirmTitle);
    this.text(`${where}.text`, confirm.text, SLACK_LIMITS.confirmText);
    this.text(`${where}.confirm`, confirm.confirm, SLACK_LIMITS.confirmButton);
    this.text(`${where}.deny`, confirm.deny, SLACK_LIMITS.confirmButton);
  }

  element(where: string, element: unknown): void {
    if (!isObject(element)) return;
    const type = String(element.type);
    const at = `${where}(${type})`;
    this.actionId(at, element.action_id);
    this.confirm(`${at}.confirm`, element.confirm);
    if (element.placeholder !== undefined)
      this.text(`${at}.placeholder`, element.placeholder, SLACK_LIMITS.placeholder);
    switch (type) {
      case 'button':
        this.text(`${at}.text`, element.text, SLACK_LIMITS.buttonText);
        this.max(
          `${at}.value`,
          typeof element.value === 'string' ? element.value : undefined,
          SLACK_LIMITS.buttonValue,
        );
        this.max(
          `${at}.url`,
          typeof element.url === 'string' ? element.url : undefined,
          SLACK_LIMITS.buttonUrl,
        );
        break;
      case 'static_select':
      case 'multi_static_select':
        this.count(
          `${at}.options`,
          list(element.options ?? []),
          SLACK_LIMITS.selectOptions,
          element.option_groups ? 0 : 1,
        );
        for (const [i, o] of list(element.options).entries()) this.option(`${at}.options[${i}]`, o);
        this.option(`${at}.initial_option`, element.initial_option);
        break;
      case 'external_select':
      case 'multi_external_select':
        this.option(`${at}.initial_option`, element.initial_option);
        break;
      case 'radio_buttons':
        this.count(`${at}.options`, list(element.options), SLACK_LIMITS.radioOptions, 1);
        for (const [i, o] of list(element.options).entries()) this.option(`${at}.options[${i}]`, o);
        this.option(`${at}.initial_option`, element.initial_option);
        break;
      case 'checkboxes':
        this.count(`${at}.options`, list(element.options), SLACK_LIMITS.checkboxOptions, 1);
        for (const [i, o] of list(element.options).entries()) this.option(`${at}.options[${i}]`, o);
        break;
      case 'overflow':
        this.count(`${at}.options`, list(element.options), 5, 1);
        for (const [i, o] of list(element.options).entries()) this.option(`${at}.options[${i}]`, o);
        break;
      case 'plain_text_input': {
        const max = element.max_length;
        if (typeof max === 'number' && max > SLACK_LIMITS.plainTextInputMax) {
          this.problems.push(`${at}.max_length: ${max} (at most ${SLACK_LIMITS.plainTextInputMax})`);
        }
        const initial = typeof element.initial_value === 'string' ? element.initial_value : undefined;
        if (initial !== undefined && typeof max === 'number' && initial.length > max) {
          this.problems.push(`${at}.initial_value: longer than its max_length`);
        }
        break;
      }
      case 'image':
        this.max(
          `${at}.alt_text`,
          typeof element.alt_text === 'string' ? element.alt_text : undefined,
          SLACK_LIMITS.imageAltText,
        );
        break;
    }
  }

  block(where: string, block: unknown): void {
    if (!isObject(block)) return;
    const type = String(block.type);
    const at = `${where}(${type})`;
    this.blockId(at, block.block_id);
    switch (type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined)
          this.problems.push(`${at}: neither text nor fields`);
        if (block.text !== undefined) this.text(`${at}.text`, block.text, SLACK_LIMITS.sectionText);
        if (block.fields !== undefined) {
          this.count(`${at}.fields`, list(block.fields), SLACK_LIMITS.sectionFields, 1);
          for (const [i, f] of list(block.fields).entries())
            this.text(`${at}.fields[${i}]`, f, SLACK_LIMITS.fieldText);
        }
        if (block.accessory !== undefined) this.element(`${at}.accessory`, block.accessory);
        break;
      case 'header':
        this.text(`${at}.text`, block.text, SLACK_LIMITS.headerText);
        break;
      case 'context':
        this.count(`${at}.elements`, list(block.elements), SLACK_LIMITS.contextElements, 1);
        list(block.elements).forEach((e, i) => {
          if (isObject(e) && e.type === 'image') this.element(`${at}.elements[${i}]`, e);
          else this.text(`${at}.elements[${i}]`, e, SLACK_LIMITS.contextText);
        });
        break;
      case 'actions':
        this.count(`${at}.elements`, list(block.elements), SLACK_LIMITS.actionsElements, 1);
        for (const [i, e] of list(block.elements).entries()) this.element(`${at}.elements[${i}]`, e);
        break;
      case 'input':
        this.text(`${at}.label`, block.label, SLACK_LIMITS.inputLabel);
        if (block.hint !== undefined) this.text(`${at}.hint`, block.hint, SLACK_LIMITS.inputHint);
        this.element(`${at}.element`, block.element);
        break;
      case 'image':
        this.max(
          `${at}.alt_text`,
          typeof block.alt_text === 'string' ? block.alt_text : undefined,
          SLACK_LIMITS.imageAltText,
        );
        if (block.title !== undefined) this.text(`${at}.title`, block.title, SLACK_LIMITS.imageTitle);
        break;
      case 'divider':
        break;
      default:
        this.problems.push(`${at}: a block type the adapter does not send`);
    }
  }

  blocks(where: string, blocks: unknown, max: number): void {
    const all = list(blocks);
    this.count(`${where}.blocks`, all, max);
    for (const [i, b] of all.entries()) this.block(`${where}.blocks[${i}]`, b);
  }
}

/** What breaks Slack's limits in a message (chat.postMessage, chat.update, chat.postEphemeral, a response_url post). */
export function messageProblems(message: Json): string[] {
  const check = new Checker();
  const text = typeof message.text === 'string' ? message.text : undefined;
  check.max('message.text', text, SLACK_LIMITS.messageText);
  if (message.blocks === undefined && (text === undefined || text.trim() === '')) {
    check.problems.push('message: neither text nor blocks');
  }
  if (message.blocks !== undefined) check.blocks('message', message.blocks, SLACK_LIMITS.messageBlocks);
  return check.problems;
}

/** What breaks Slack's limits in a view (views.open, views.update, views.push, views.publish). */
export function viewProblems(view: Json): string[] {
  const check = new Checker();
  check.blocks('view', view.blocks, SLACK_LIMITS.viewBlocks);
  if (view.type === 'modal') {
    check.text('view.title', view.title, SLACK_LIMITS.viewTitle);
    if (view.submit !== undefined) check.text('view.submit', view.submit, SLACK_LIMITS.viewButton);
    if (view.close !== undefined) check.text('view.close', view.close, SLACK_LIMITS.viewButton);
    const inputs = list(view.blocks).some((b) => isObject(b) && b.type === 'input');
    if (inputs && view.submit === undefined)
      check.problems.push('view: input blocks without a submit button');
  }
  check.max(
    'view.private_metadata',
    typeof view.private_metadata === 'string' ? view.private_metadata : undefined,
    SLACK_LIMITS.privateMetadata,
  );
  check.max(
    'view.callback_id',
    typeof view.callback_id === 'string' ? view.callback_id : undefined,
    SLACK_LIMITS.callbackId,
  );
  return check.problems;
}

/** What breaks Slack's limits in the options an external select is answered with. */
export function optionsProblems(answer: Json): string[] {
  const check = new Checker();
  const options = list(answer.options);
  check.count('options', options, SLACK_LIMITS.selectOptions);
  for (const [i, o] of options.entries()) check.option(`options[${i}]`, o);
  return check.problems;
}
