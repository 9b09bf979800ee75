import { describe, expect, it } from 'vitest';
import { PERSON_COLOURS, colourForName } from './colour.js';

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('colourForName', () => {
  it('gives the same name the same colour every time', () => {
    expect(colourForName('Trude Kristin Kristensen')).toBe(colourForName('Trude Kristin Kristensen'));
  });

  it('ignores case and surrounding whitespace', () => {
    expect(colourForName('  stian molvik ')).toBe(colourForName('Stian Molvik'));
  });

  it('only hands out palette colours in the #rrggbb form the caret extension accepts', () => {
    for (const name of ['Kari', 'Ola', 'Knut Erik Dahlmo', 'Åse Ødegård', '']) {
      const colour = colourForName(name);
      expect(PERSON_COLOURS).toContain(colour);
      expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('spreads a room of people over several colours', () => {
    const names = ['Trude', 'Knut', 'Stian', 'Kari', 'Ola', 'Ingrid', 'Per', 'Marit', 'Nils', 'Sigrid'];
    expect(new Set(names.map(colourForName)).size).toBeGreaterThanOrEqual(5);
  });

  it('keeps white caret-label text readable on every colour (WCAG AA)', () => {
    for (const colour of PERSON_COLOURS) {
      expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
    }
  });
});
