// The drafting page's editor: CodeMirror 6, which lays out only the lines in view, so that a
// keystroke in a whole law costs the lines on screen and not the text (a <textarea> holding the
// ZPO needs some 75 ms per keystroke by itself; bench/README.md). The findings live in the editor
// state as mark decorations: every edit maps them (a finding the edit touches is dropped until the
// next check result), a check result replaces them, and CodeMirror redraws only the ranges whose
// decorations changed, and of those only the ones in view. Bundled by wasm/build.sh (esbuild)
// with app.js.
import { EditorState, StateEffect, StateField, Prec, RangeSetBuilder } from '@codemirror/state';
import { EditorView, Decoration, keymap, placeholder } from '@codemirror/view';
import { history, historyKeymap, standardKeymap, insertNewline, isolateHistory } from '@codemirror/commands';
import { StyleModule } from 'style-mod';

// CodeMirror puts its base styles into a <style> element when it is mounted in the document, which
// the page's Content Security Policy (style-src 'self', no inline styles) refuses. style-mod already
// uses a constructed style sheet (document.adoptedStyleSheets, not subject to style-src) for shadow
// roots; this hands it the document in the shape of one, so the same code path serves the page.
const documentAsShadowRoot = {
  ownerDocument: document,
  get adoptedStyleSheets() { return document.adoptedStyleSheets; },
  set adoptedStyleSheets(sheets) { document.adoptedStyleSheets = sheets; },
};
const mountStyles = StyleModule.mount;
StyleModule.mount = (root, modules, options) =>
  mountStyles.call(StyleModule, root === document ? documentAsShadowRoot : root, modules, options);

const SEVERITY_RANK = { blockierend: 5, hoch: 4, mittel: 3, niedrig: 2, hinweis: 1 };
const severityMark = Object.fromEntries(Object.keys(SEVERITY_RANK)
  .map((s) => [s, Decoration.mark({ tagName: 'mark', class: `sev-${s}` })]));
const currentMark = Decoration.mark({ class: 'current' });

/** Replaces the findings (all of them, and which ones the filters show). */
export const setFindings = StateEffect.define();
/** Selects a finding (or null): its words get a frame. */
export const setSelected = StateEffect.define();

/** The highlights of the visible findings (sorted by start). Where findings overlap, the text is
 * cut into segments; each has the colour of the most severe finding covering it. */
function severityMarks(visible) {
  const points = [...new Set(visible.flatMap((f) => [f.startUtf16, f.endUtf16]))].sort((x, y) => x - y);
  const byStart = [...visible].sort((a, b) => a.startUtf16 - b.startUtf16);
  const builder = new RangeSetBuilder();
  let next = 0;
  let active = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const x = points[k];
    const y = points[k + 1];
    active = active.filter((f) => f.endUtf16 > x);
    while (next < byStart.length && byStart[next].startUtf16 <= x) {
      if (byStart[next].endUtf16 > x) active.push(byStart[next]);
      next++;
    }
    if (!active.length) continue;
    let top = active[0];
    for (const f of active) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[top.severity]) top = f;
    builder.add(x, y, severityMark[top.severity] ?? severityMark.hinweis);
  }
  return builder.finish();
}

function selectedMark(f) {
  return f && f.endUtf16 > f.startUtf16 ? Decoration.set([currentMark.range(f.startUtf16, f.endUtf16)]) : Decoration.none;
}

/** The findings after an edit: those the edit touched are dropped (their words changed; the next
 * result decides), those behind it move. Unmoved findings stay the same objects. */
function mapFindings(value, changes) {
  const ranges = [];
  changes.iterChangedRanges((fromA, toA) => ranges.push([fromA, toA]));
  const touched = (f) => ranges.some(([a, b]) => a < f.endUtf16 && b > f.startUtf16);
  const moved = new Map();
  let dropped = false;
  for (const f of value.all) {
    if (touched(f)) {
      dropped = true;
      continue;
    }
    const startUtf16 = changes.mapPos(f.startUtf16, 1);
    const endUtf16 = Math.max(startUtf16, changes.mapPos(f.endUtf16, -1));
    moved.set(f, startUtf16 === f.startUtf16 && endUtf16 === f.endUtf16 ? f : { ...f, startUtf16, endUtf16 });
  }
  const all = value.all.filter((f) => moved.has(f)).map((f) => moved.get(f));
  const visible = value.visible.filter((f) => moved.has(f)).map((f) => moved.get(f));
  const selected = value.selected && moved.has(value.selected) ? moved.get(value.selected) : null;
  return {
    all,
    visible,
    selected,
    // Unless a finding went, the marks move with the text as they are.
    marks: dropped ? severityMarks(visible) : value.marks.map(changes),
    current: selected ? value.current.map(changes) : Decoration.none,
  };
}

/** Findings of the last check, mapped through the edits since, with their highlights. */
export const findingsField = StateField.define({
  create: () => ({ all: [], visible: [], selected: null, marks: Decoration.none, current: Decoration.none }),
  update(value, tr) {
    let v = tr.docChanged ? mapFindings(value, tr.changes) : value;
    for (const e of tr.effects) {
      if (e.is(setFindings)) {
        const visible = e.value.visible;
        v = { ...v, all: e.value.all, visible, marks: severityMarks(visible) };
      } else if (e.is(setSelected)) {
        v = { ...v, selected: e.value, current: selectedMark(e.value) };
      }
    }
    return v;
  },
  provide: (field) => [
    EditorView.decorations.from(field, (v) => v.marks),
    EditorView.decorations.from(field, (v) => v.current),
  ],
});

// Jumping to a finding scrolls the editor and not the page around it (below 900 px, where the page
// scrolls as a whole, that would move the list and the detail panel out of sight). CodeMirror
// scrolls every scrolled ancestor into place unless a scroll handler takes the request; this one
// takes the next request after scrollEditorTo, once CodeMirror has drawn the lines at the target.
let jumpPending = false;
const editorOnlyScroll = EditorView.scrollHandler.of((view, range, { yMargin }) => {
  if (!jumpPending) return false;
  jumpPending = false;
  // The handler runs inside CodeMirror's measuring, where coordsAtPos is not allowed: measure the
  // drawn text at the target directly.
  const { node, offset } = view.domAtPos(range.head);
  const words = document.createRange();
  if (node.nodeType === Node.TEXT_NODE) {
    words.setStart(node, offset);
    words.setEnd(node, Math.min(offset + 1, node.length));
  } else {
    words.selectNode(node.childNodes[offset] ?? node);
  }
  const top = words.getBoundingClientRect().top;
  view.scrollDOM.scrollTop += top - view.scrollDOM.getBoundingClientRect().top - yMargin;
  return true;
});

/** Scrolls the page's editor, only it, so that `pos` is at `fraction` of its height. */
export function scrollEditorTo(view, pos, fraction) {
  jumpPending = true;
  view.dispatch({ effects: EditorView.scrollIntoView(pos, { y: 'start', yMargin: view.scrollDOM.clientHeight * fraction }) });
}

/** What every editor of the page has, with or without findings: wrapped lines as in a word
 * processor, undo, the standard keys (Enter inserts a plain line break, as in a text field; Tab
 * leaves the editor, so the page can be used by keyboard), the German label and placeholder. */
export function baseExtensions({ label, describedBy, placeholderText } = {}) {
  // tabindex: the text field is focusable anyway (contenteditable); said explicitly, checkers
  // such as axe see that the scrolled region around it can be reached by keyboard.
  const attrs = { id: 'editor', tabindex: '0' };
  if (label) attrs['aria-labelledby'] = label;
  if (describedBy) attrs['aria-describedby'] = describedBy;
  return [
    EditorView.lineWrapping,
    history(),
    keymap.of([{ key: 'Enter', run: insertNewline }, ...standardKeymap, ...historyKeymap]),
    EditorView.contentAttributes.of(attrs),
    placeholderText ? placeholder(placeholderText) : [],
  ];
}

/** The page's editor: { view, load(text) }. `onUpdate(update)` runs after each transaction,
 * `onStep(dir)` on Alt+↓/Alt+↑. */
export function createEditor(parent, { onUpdate, onStep, ...options }) {
  const extensions = [
    baseExtensions(options),
    findingsField,
    editorOnlyScroll,
    Prec.high(keymap.of([
      { key: 'Alt-ArrowDown', run: () => { onStep(1); return true; } },
      { key: 'Alt-ArrowUp', run: () => { onStep(-1); return true; } },
    ])),
    EditorView.updateListener.of(onUpdate),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ extensions }) });
  /** Replaces the text: a new document with an empty undo history, scrolled to its start. */
  const load = (text) => {
    view.setState(EditorState.create({ doc: text, extensions }));
    view.scrollDOM.scrollTop = 0;
  };
  return { view, load };
}

/** The same editor without findings, worker or page around it: the benchmark's baseline. */
export function createBareEditor(parent, text, options = {}) {
  return new EditorView({ parent, state: EditorState.create({ doc: text, extensions: baseExtensions(options) }) });
}

export { isolateHistory };
