/**
 * Test texts with markers instead of magic offsets: `⟦` and `⟧` bracket a span; an optional
 * label follows the opening marker as `⟦label:`. `parseMarkers` removes them and returns the
 * clean text and the spans, in order and by label.
 *
 *   const { text, spans } = parseMarkers('cloud: ⟦Gold⟧');
 *   // text === 'cloud: Gold', spans[0] === { start: 7, end: 11 }
 */
import type { Span } from '../../../src/core/types';

export interface Marked {
  readonly text: string;
  readonly spans: Span[];
  readonly byLabel: Map<string, Span>;
  /** The one span; throws unless there is exactly one. */
  only(): Span;
  /** The span with this label; throws when there is none. */
  at(label: string): Span;
}

export function parseMarkers(marked: string): Marked {
  let text = '';
  const spans: Span[] = [];
  const byLabel = new Map<string, Span>();
  const open: { start: number; label: string | undefined; index: number }[] = [];
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i];
    if (c === '⟦') {
      const m = /^([A-Za-z0-9_.-]+):/.exec(marked.slice(i + 1));
      const label = m ? m[1] : undefined;
      if (m) i += m[0].length;
      open.push({ start: text.length, label, index: spans.length });
      spans.push({ start: -1, end: -1 });
    } else if (c === '⟧') {
      const o = open.pop();
      if (!o) throw new Error(`unbalanced ⟧ at ${i}`);
      const span = { start: o.start, end: text.length };
      spans[o.index] = span;
      if (o.label !== undefined) byLabel.set(o.label, span);
    } else {
      text += c ?? '';
    }
  }
  if (open.length) throw new Error('unbalanced ⟦');
  return {
    text,
    spans,
    byLabel,
    only() {
      if (spans.length !== 1) throw new Error(`expected one marked span, found ${spans.length}`);
      return spans[0]!;
    },
    at(label: string) {
      const s = byLabel.get(label);
      if (!s) throw new Error(`no span labelled ${label}`);
      return s;
    },
  };
}
