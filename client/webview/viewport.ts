// Webview (browser): zoom and pan of the graph (wheel scrolls, Ctrl+wheel zooms, drag, keyboard,
// fit), as a transform on the viewport group. The current view is reported through a callback so
// it can be saved. The arithmetic (fit, follow) is fit.ts.
import { fitView, followBox, type View } from './fit';

export type { View };

const MIN = 0.1;
const MAX = 4;

export class Viewport {
  private view: View = { zoom: 1, x: 0, y: 0 };
  private target: SVGGElement | undefined;
  private content = { width: 0, height: 0 };
  private first: { x: number; width: number } | undefined;
  private drag: { x: number; y: number; vx: number; vy: number } | undefined;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly onChange: (view: View) => void,
  ) {
    svg.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    svg.addEventListener('pointerdown', (e) => this.onDown(e));
    svg.addEventListener('pointermove', (e) => this.onMove(e));
    svg.addEventListener('pointerup', () => (this.drag = undefined));
    svg.addEventListener('pointerleave', () => (this.drag = undefined));
  }

  get current(): View {
    return { ...this.view };
  }

  /** `first`: the top-most node, which Fit centres on when the graph is wider than the view. */
  attach(
    target: SVGGElement,
    width: number,
    height: number,
    first?: { x: number; width: number },
  ): void {
    this.target = target;
    this.content = { width, height };
    this.first = first;
    this.apply();
  }

  set(view: View): void {
    this.view = { zoom: clamp(view.zoom), x: view.x, y: view.y };
    this.apply();
  }

  fit(): void {
    const { width, height } = this.svg.getBoundingClientRect();
    if (this.content.width === 0 || width === 0) return;
    this.set(fitView(this.content, { width, height }, this.first));
  }

  /** Moves the view so the box (graph coordinates) is visible; zoom kept. */
  follow(box: { x: number; y: number; width: number; height: number }): void {
    const { width, height } = this.svg.getBoundingClientRect();
    if (width === 0) return;
    const next = followBox(this.view, box, { width, height });
    if (next !== this.view) this.set(next);
  }

  zoomBy(factor: number, cx?: number, cy?: number): void {
    const rect = this.svg.getBoundingClientRect();
    const px = cx ?? rect.width / 2;
    const py = cy ?? rect.height / 2;
    const zoom = clamp(this.view.zoom * factor);
    const k = zoom / this.view.zoom;
    this.set({ zoom, x: px - (px - this.view.x) * k, y: py - (py - this.view.y) * k });
  }

  panBy(dx: number, dy: number): void {
    this.set({ zoom: this.view.zoom, x: this.view.x + dx, y: this.view.y + dy });
  }

  private apply(): void {
    this.target?.setAttribute(
      'transform',
      `translate(${this.view.x},${this.view.y}) scale(${this.view.zoom})`,
    );
    this.onChange(this.current);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.svg.getBoundingClientRect();
    if (e.ctrlKey || e.metaKey) {
      this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
    } else {
      this.panBy(-e.deltaX, -e.deltaY);
    }
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0 || (e.target as Element).closest('[data-node-id]')) return;
    this.drag = { x: e.clientX, y: e.clientY, vx: this.view.x, vy: this.view.y };
    this.svg.setPointerCapture(e.pointerId);
  }

  private onMove(e: PointerEvent): void {
    if (!this.drag) return;
    this.set({
      zoom: this.view.zoom,
      x: this.drag.vx + e.clientX - this.drag.x,
      y: this.drag.vy + e.clientY - this.drag.y,
    });
  }
}

function clamp(zoom: number): number {
  return Math.min(MAX, Math.max(MIN, Number.isFinite(zoom) ? zoom : 1));
}
