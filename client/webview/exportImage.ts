// Webview (browser): the drawn graph as a standalone SVG (theme colours resolved and written as
// attributes, so the file looks the same outside VS Code) or as a PNG data URL.
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'display',
  'visibility',
] as const;

export function exportSvg(svg: SVGSVGElement): string {
  const viewport = svg.querySelector<SVGGElement>('#viewport');
  if (!viewport) throw new Error('nothing is drawn');
  const box = viewport.getBBox();
  const pad = 16;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((orig, i) => {
    const copy = copies[i];
    if (!copy || orig instanceof SVGDefsElement) return;
    const cs = getComputedStyle(orig);
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) copy.setAttribute(p, v);
    }
    for (const a of ['class', 'tabindex', 'role', 'data-vscode-context']) copy.removeAttribute(a);
  });
  // A group label the view moved along (render.ts, stickGroupLabels) goes back to its left edge.
  for (const label of clone.querySelectorAll('text[data-group-x]'))
    for (const t of [label, ...label.querySelectorAll('tspan')]) t.setAttribute('x', '12');
  const cloneViewport = clone.querySelector('#viewport');
  cloneViewport?.setAttribute('transform', `translate(${pad - box.x},${pad - box.y})`);
  const width = Math.ceil(box.width + 2 * pad);
  const height = Math.ceil(box.height + 2 * pad);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.removeAttribute('id');
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.body).backgroundColor || '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

export async function exportPng(svg: SVGSVGElement, scale = 2): Promise<string> {
  const text = exportSvg(svg);
  const width = Number(/width="(\d+)"/.exec(text)?.[1] ?? 800);
  const height = Number(/height="(\d+)"/.exec(text)?.[1] ?? 600);
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('could not rasterize the SVG'));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas context');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  return canvas.toDataURL('image/png');
}
