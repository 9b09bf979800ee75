import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Puts axe-core into the page as `window.axe`. Evaluated through the DevTools protocol: an
 * inline <script> tag would be refused by the app's Content-Security-Policy, which the page
 * keeps while it is checked.
 */
export async function loadAxe(page: Page): Promise<void> {
  await page.evaluate(axe.source);
}

/** Runs axe-core in the page and returns the violations that block people (serious, critical). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await loadAxe(page);
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

declare global {
  interface Window {
    axe: typeof axe;
  }
}
