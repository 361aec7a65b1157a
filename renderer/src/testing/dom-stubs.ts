// jsdom lays nothing out and lacks some browser classes: tests that need them stub them here.
import { afterAll, beforeAll } from 'vitest';

export type PropertyStub = readonly [target: object, name: string, descriptor: PropertyDescriptor];

/** For the whole test file, gives these properties the stubbed values; the originals come back after. */
export function stubPropertiesForFile(stubs: readonly PropertyStub[]): void {
  const restore: (() => void)[] = [];
  beforeAll(() => {
    for (const [target, name, descriptor] of stubs) {
      const before = Object.getOwnPropertyDescriptor(target, name);
      Object.defineProperty(target, name, { configurable: true, ...descriptor });
      restore.push(() =>
        before ? Object.defineProperty(target, name, before) : Reflect.deleteProperty(target, name),
      );
    }
  });
  afterAll(() => restore.splice(0).forEach((undo) => undo()));
}

/** Every element this wide and high (clientWidth/clientHeight), so virtualized lists draw rows. */
export function elementSize(width: number, height: number): PropertyStub[] {
  return [
    [HTMLElement.prototype, 'clientHeight', { get: () => height }],
    [HTMLElement.prototype, 'clientWidth', { get: () => width }],
  ];
}
