import { expect, type Locator, type Page } from '@playwright/test';

/** The desktop product's parts of the window: welcome, gallery, palette, settings, by role and name. */
export class DesktopPage {
  readonly welcome: Locator;
  readonly gallery: Locator;
  readonly settings: Locator;
  readonly palette: Locator;

  constructor(readonly page: Page) {
    this.welcome = page.getByRole('dialog', { name: 'Welcome to Dockwright' });
    this.gallery = page.getByRole('dialog', { name: 'New from template' });
    this.settings = page.getByRole('dialog', { name: 'Settings' });
    this.palette = page.getByRole('dialog', { name: 'Command palette' });
  }

  headerButton(name: string | RegExp): Locator {
    return this.page.getByRole('toolbar', { name: 'App' }).getByRole('button', { name });
  }

  /** Runs a command through the palette, with the keyboard only: Ctrl+K, type, Enter. */
  async runCommand(query: string, expected: string): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+k');
    await expect(this.palette).toBeVisible();
    await this.page.keyboard.type(query);
    const active = this.palette.getByRole('option', { selected: true });
    await expect(active).toContainText(expected);
    await this.page.keyboard.press('Enter');
    await expect(this.palette).toHaveCount(0);
  }

  /** The theme the page shows now (<html data-theme>). */
  theme(): Promise<string | null> {
    return this.page.evaluate(() => document.documentElement.dataset.theme ?? null);
  }
}
