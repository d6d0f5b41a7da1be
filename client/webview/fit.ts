// Webview (viewport) and unit tests: where Fit puts the graph and how the view follows a node.
// Pure arithmetic, no DOM. Fit never goes below a readable scale: a graph larger than that is
// shown from its top, centred across when it fits across, else on its first (top-most) node,
// and the user scrolls.

export interface View {
  zoom: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The smallest zoom Fit uses: node names stay readable (13px labels at about 8px). */
export const READABLE_ZOOM = 0.65;
const MARGIN = 16;

export function fitView(content: Size, viewport: Size, first?: { x: number; width: number }): View {
  const whole = Math.min(viewport.width / content.width, viewport.height / content.height, 1.5);
  const zoom = Math.max(READABLE_ZOOM, whole * 0.95);
  const w = content.width * zoom;
  const h = content.height * zoom;
  let x = (viewport.width - w) / 2;
  if (w > viewport.width) {
    const centred = first ? viewport.width / 2 - (first.x + first.width / 2) * zoom : MARGIN;
    x = Math.min(MARGIN, Math.max(viewport.width - w - MARGIN, centred));
  }
  return { zoom, x, y: h <= viewport.height ? Math.max(8, (viewport.height - h) / 2) : MARGIN };
}

/** The view moved (zoom kept) so that `box` is inside the viewport; unchanged when it already is. */
export function followBox(
  view: View,
  box: { x: number; y: number; width: number; height: number },
  viewport: Size,
): View {
  const left = view.x + box.x * view.zoom;
  const top = view.y + box.y * view.zoom;
  const right = left + box.width * view.zoom;
  const bottom = top + box.height * view.zoom;
  const inside = left >= 0 && top >= 0 && right <= viewport.width && bottom <= viewport.height;
  if (inside) return view;
  const cx = (box.x + box.width / 2) * view.zoom;
  const cy = (box.y + box.height / 2) * view.zoom;
  return { zoom: view.zoom, x: viewport.width / 2 - cx, y: viewport.height / 2 - cy };
}

/** Where a group's label goes (x inside the group) so a group partly left of the view keeps its
 * name in sight: at its left edge when that is visible, else following the view's left edge,
 * never past the group's right end (`reserve`: the header's badge). `left`: the view's left edge,
 * in graph units. */
export function stickyLabelX(
  group: { x: number; width: number },
  labelWidth: number,
  left: number,
  inset = 12,
  reserve = 24,
): number {
  const follow = left - group.x + inset;
  return Math.max(inset, Math.min(follow, group.width - labelWidth - reserve));
}
