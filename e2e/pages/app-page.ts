import type { Locator, Page } from '@playwright/test';

/** The app window, by role and accessible name, as a person finds things on it. */
export class AppPage {
  readonly engineBadge: Locator;
  readonly engineAlert: Locator;
  readonly heading: Locator;
  readonly canvas: Locator;

  constructor(readonly page: Page) {
    this.engineBadge = page.getByRole('status', { name: 'Docker engine' });
    this.engineAlert = page.getByRole('alert');
    this.heading = page.getByRole('heading', { name: 'Dockwright' });
    this.canvas = page.getByRole('region', { name: 'Topology canvas' });
  }
}
