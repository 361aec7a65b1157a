import { expect, type Locator, type Page } from '@playwright/test';

type Kind = 'Service' | 'Job' | 'Volume' | 'Network';

/** The editor as a person uses it: palette, canvas, inspector, toolbars, by role and name. */
export class EditorPage {
  readonly canvas: Locator;
  readonly inspector: Locator;
  readonly pane: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByRole('region', { name: 'Topology canvas' });
    this.inspector = page.getByRole('complementary', { name: 'Inspector' });
    this.pane = this.canvas.locator('.react-flow__pane');
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  nodes(): Locator {
    return this.canvas.locator('.react-flow__node');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  field(label: string): Locator {
    return this.inspector.getByLabel(label, { exact: true });
  }

  /** Drags a palette item onto the canvas with the mouse, `at` relative to the canvas. */
  async dragFromPalette(kind: Kind, at: { x: number; y: number }): Promise<void> {
    const item = this.page
      .getByRole('complementary', { name: 'Palette' })
      .getByRole('button', { name: kind });
    const from = await center(item);
    const box = (await this.canvas.boundingBox())!;
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + 20, from.y + 5, { steps: 4 });
    await this.page.mouse.move(box.x + at.x, box.y + at.y, { steps: 12 });
    await this.page.mouse.up();
  }

  /** Drops a new node and gives it a name through the inspector. */
  async addNode(kind: Kind, at: { x: number; y: number }, name: string): Promise<void> {
    const before = await this.nodes().count();
    await this.dragFromPalette(kind, at);
    await expect(this.nodes()).toHaveCount(before + 1);
    const name$ = this.field('Name');
    await name$.fill(name);
    await expect(this.node(name)).toBeVisible();
  }

  async select(id: string): Promise<void> {
    await this.node(id).click();
    await expect(this.field('Name')).toHaveValue(id);
  }

  /** Drags from the source handle of `from` onto the card of `to`: "to needs from". */
  async connect(from: string, to: string): Promise<void> {
    const handle = this.node(from).locator('.react-flow__handle.source');
    const start = await center(handle);
    const end = await center(this.node(to));
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(start.x + 30, start.y + 10, { steps: 4 });
    await this.page.mouse.move(end.x, end.y, { steps: 12 });
    await this.page.mouse.up();
  }

  edge(label: string | RegExp): Locator {
    return this.canvas.getByLabel(label);
  }

  async openSection(title: string): Promise<void> {
    const section = this.inspector.locator('details', {
      has: this.page.locator('summary', { hasText: title }),
    });
    if ((await section.getAttribute('open')) === null) await section.locator('summary').first().click();
  }
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`not visible: ${locator.toString()}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
