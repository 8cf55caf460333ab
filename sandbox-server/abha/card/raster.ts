// A small RGB drawing surface for the sandbox's images (ABHA card, QR code, profile photo): rectangles, ellipses,
// bitmap text and QR module matrices, encoded as PNG with pngjs. Deterministic: same drawing, same bytes.
import { PNG } from 'pngjs';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from './bitmap-font.js';

export type Rgb = readonly [number, number, number];

/** A QR code's modules: `size` × `size`, dark where `isDark(row, col)`. */
export interface ModuleMatrix {
  size: number;
  isDark(row: number, col: number): boolean;
}

export class Raster {
  private readonly png: PNG;

  constructor(readonly width: number, readonly height: number, background: Rgb) {
    this.png = new PNG({ width, height, colorType: 2, inputColorType: 6, inputHasAlpha: true });
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(this.width, Math.floor(x + w));
    const y1 = Math.min(this.height, Math.floor(y + h));
    const data = this.png.data;
    for (let row = y0; row < y1; row++) {
      for (let col = x0; col < x1; col++) {
        const i = (row * this.width + col) * 4;
        data[i] = color[0];
        data[i + 1] = color[1];
        data[i + 2] = color[2];
        data[i + 3] = 255;
      }
    }
  }

  /** A filled axis-aligned ellipse inside the box (x, y, w, h), cut off below `clipBottom`. */
  fillEllipse(x: number, y: number, w: number, h: number, color: Rgb, clipBottom = Infinity): void {
    const cx = x + w / 2;
    const cy = y + h / 2;
    for (let row = Math.floor(y); row < Math.min(y + h, clipBottom); row++) {
      const dy = (row + 0.5 - cy) / (h / 2);
      if (Math.abs(dy) > 1) continue;
      const half = (w / 2) * Math.sqrt(1 - dy * dy);
      this.fillRect(Math.round(cx - half), row, Math.round(2 * half), 1, color);
    }
  }

  /** Draws `text` with its top-left at (x, y), each font pixel `scale` × `scale`; returns the x after the text. */
  drawText(x: number, y: number, text: string, color: Rgb, scale = 2): number {
    let cursor = x;
    for (const char of text) {
      const rows = glyphRows(char);
      for (let r = 0; r < GLYPH_HEIGHT; r++) {
        for (let c = 0; c < GLYPH_WIDTH; c++) {
          if (rows[r] & (1 << (GLYPH_WIDTH - 1 - c))) this.fillRect(cursor + c * scale, y + r * scale, scale, scale, color);
        }
      }
      cursor += advance(scale);
    }
    return cursor;
  }

  /** Draws a QR code with a `quiet`-module white border; returns the side length in pixels. */
  drawModules(x: number, y: number, modules: ModuleMatrix, moduleSize: number, quiet = 4): number {
    const side = (modules.size + 2 * quiet) * moduleSize;
    this.fillRect(x, y, side, side, WHITE);
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; c++) {
        if (modules.isDark(r, c)) this.fillRect(x + (quiet + c) * moduleSize, y + (quiet + r) * moduleSize, moduleSize, moduleSize, BLACK);
      }
    }
    return side;
  }

  toPng(): Buffer {
    return PNG.sync.write(this.png, { colorType: 2, filterType: 4, deflateLevel: 6 });
  }
}

export const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** Horizontal distance from one character to the next at `scale`: the glyph and one pixel of spacing. */
export function advance(scale: number): number {
  return (GLYPH_WIDTH + 1) * scale;
}

/** Width in pixels of `text` at `scale`. */
export function textWidth(text: string, scale: number): number {
  return [...text].length * advance(scale);
}

/** Splits `text` into lines of at most `maxChars` characters, at spaces or commas where it can. */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= maxChars) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word.length > maxChars ? word.slice(0, maxChars) : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, Math.max(0, maxChars - 3))}...`;
    return kept;
  }
  return lines;
}
