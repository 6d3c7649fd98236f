// A submitted modal's `view.state.values` ({ block_id: { action_id: state } })
// flattened to what the core reads: { inputId: value | null }, where the
// input id is the block id (see render/modal.ts).

type ElementState = {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[];
};

export type ViewStateValues = Record<string, Record<string, ElementState>>;

export function flattenViewState(values: ViewStateValues | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    const state = Object.values(actions)[0];
    out[blockId] = state ? stateValue(state) : null;
  }
  return out;
}

function stateValue(state: ElementState): string | null {
  if (state.selected_option !== undefined) return state.selected_option?.value ?? null;
  if (state.selected_options !== undefined) {
    const values = state.selected_options.map((o) => o.value).filter((v): v is string => Boolean(v));
    return values.length > 0 ? values.join(',') : null;
  }
  if (state.selected_date !== undefined) return state.selected_date ?? null;
  if (state.selected_time !== undefined) return state.selected_time ?? null;
  const value = state.value;
  return value === undefined || value === null || value === '' ? null : value;
}

/** The input block ids of a view, to tell whether the core's field errors can be shown in it. */
export function inputBlockIds(blocks: { type?: string; block_id?: string }[] | undefined): Set<string> {
  return new Set(
    (blocks ?? [])
      .filter((b) => b.type === 'input' && typeof b.block_id === 'string')
      .map((b) => b.block_id!),
  );
}
