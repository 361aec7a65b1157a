import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTopology } from '../../../../shared/testing/topologies';
import { renderInspector } from '../../testing/render-inspector';

afterEach(cleanup);

const input = (label: string) => screen.getByLabelText<HTMLInputElement>(label);

describe('Inspector: node fields', () => {
  it('writes Image to the document as you type; one undo reverts the whole word', () => {
    const { store, node } = renderInspector(makeTopology({ web: { kind: 'service', image: '' } }), {
      nodes: ['web'],
    });
    for (const text of ['n', 'ng', 'ngi', 'ngin', 'nginx'])
      fireEvent.change(input('Image'), { target: { value: text } });
    expect(node('web')).toMatchObject({ image: 'nginx' });
    expect(store.getState().past).toHaveLength(1);

    act(() => store.getState().undo());
    expect(node('web')).toEqual({ kind: 'service', image: '' });
    expect(input('Image').value).toBe('');

    act(() => store.getState().redo());
    expect(input('Image').value).toBe('nginx');
  });

  it('keeps an invalid port on screen with its error and leaves the document alone', () => {
    const doc = makeTopology({
      web: { kind: 'service', image: 'nginx', ports: [{ target: 80, published: 8080 }] },
    });
    const { store, node } = renderInspector(doc, { nodes: ['web'] });
    const published = input('Published');
    expect(published.dataset.path).toBe('ports.0.published');

    fireEvent.change(published, { target: { value: '80a' } });
    expect(published.value).toBe('80a');
    expect(published.getAttribute('aria-invalid')).toBe('true');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('"80a" is not a port number');
    expect(published.getAttribute('aria-describedby')).toBe(alert.parentElement!.id);
    expect(store.getState().doc).toBe(doc);

    fireEvent.change(published, { target: { value: '8000-8010' } });
    expect(node('web')).toMatchObject({ ports: [{ target: 80, published: '8000-8010' }] });
    fireEvent.change(published, { target: { value: '9090' } });
    expect(node('web')).toMatchObject({ ports: [{ target: 80, published: 9090 }] });
    expect(screen.queryByRole('alert')).toBeNull();

    // Undo puts the document's value back in the field.
    act(() => store.getState().undo());
    expect(published.value).toBe('8080');

    // Empty text removes the optional field rather than writing "".
    fireEvent.change(published, { target: { value: '' } });
    expect(node('web')).toMatchObject({ ports: [{ target: 80 }] });
    expect((node('web') as { ports: object[] }).ports[0]).not.toHaveProperty('published');
  });

  it('stores a duration as typed and shows what validation says about it under the field', () => {
    const { node } = renderInspector(
      makeTopology({
        db: { kind: 'service', image: 'postgres:16', healthcheck: { test: ['CMD', 'pg_isready'] } },
      }),
      { nodes: ['db'] },
    );
    fireEvent.change(input('Interval'), { target: { value: '10 seconds' } });
    expect(node('db')).toMatchObject({ healthcheck: { interval: '10 seconds' } });
    const described = document.getElementById(input('Interval').getAttribute('aria-describedby')!);
    expect(described?.textContent).toContain('not a duration');

    fireEvent.change(input('Retries'), { target: { value: 'x' } });
    expect(input('Retries').value).toBe('x');
    expect(node('db')).not.toHaveProperty('healthcheck.retries');
    fireEvent.change(input('Retries'), { target: { value: '3' } });
    expect(node('db')).toMatchObject({ healthcheck: { retries: 3 } });
  });

  it('refuses a field the schema cannot hold yet, keeping the text and saying what is missing', () => {
    const { store, node } = renderInspector(makeTopology({ web: { kind: 'service', image: 'nginx' } }), {
      nodes: ['web'],
    });
    fireEvent.change(input('Interval'), { target: { value: '5s' } });
    expect(input('Interval').value).toBe('5s');
    expect(screen.getByRole('alert').textContent).toBe('Set the healthcheck test first.');
    expect(node('web')).not.toHaveProperty('healthcheck');

    fireEvent.change(input('Test'), { target: { value: 'curl -f http://localhost' } });
    expect(node('web')).toMatchObject({ healthcheck: { test: 'curl -f http://localhost' } });
    // Clearing the only field of the healthcheck removes it, not leaving `healthcheck: {}`.
    fireEvent.change(input('Test'), { target: { value: '' } });
    expect(store.getState().doc.spec.nodes.web).toEqual({ kind: 'service', image: 'nginx' });
  });

  it('edits a command as a shell string, or as a list one argument a line', () => {
    const { node } = renderInspector(makeTopology({ job: { kind: 'job', image: 'busybox' } }), {
      nodes: ['job'],
    });
    fireEvent.change(input('Command'), { target: { value: "sh -c 'echo hi'" } });
    expect(node('job')).toMatchObject({ command: "sh -c 'echo hi'" });

    const command = input('Command').closest('.insp-field')!;
    fireEvent.click(within(command as HTMLElement).getByRole('button', { name: 'as list' }));
    expect(node('job')).toMatchObject({ command: ['sh', '-c', 'echo hi'] });
    const list = input('Command');
    expect(list.tagName).toBe('TEXTAREA');
    expect(list.value).toBe('sh\n-c\necho hi');

    // A trailing newline (the next argument not typed yet) stays while the document holds the list.
    fireEvent.change(list, { target: { value: 'sh\n-c\necho hi\n' } });
    expect(list.value).toBe('sh\n-c\necho hi\n');
    fireEvent.change(list, { target: { value: 'sh\n-c\necho hi\necho bye' } });
    expect(node('job')).toMatchObject({ command: ['sh', '-c', 'echo hi', 'echo bye'] });

    fireEvent.change(input('Max attempts'), { target: { value: '3' } });
    fireEvent.change(input('Timeout'), { target: { value: '2m' } });
    expect(node('job')).toMatchObject({ retry: { maxAttempts: 3 }, timeout: '2m' });
  });
});

describe('Inspector: rename', () => {
  const doc = makeTopology({
    db: { kind: 'service', image: 'postgres:16' },
    api: { kind: 'service', image: 'shop/api:1', dependsOn: [{ node: 'db', condition: 'started' }] },
  });

  it('renames the node and rewrites the dependents, keeping the field focused', () => {
    const { store } = renderInspector(doc, { nodes: ['db'] });
    const name = input('Name');
    name.focus();
    fireEvent.change(name, { target: { value: 'pg' } });
    fireEvent.change(input('Name'), { target: { value: 'pgsql' } });
    const { doc: after, selectedNodes } = store.getState();
    expect(Object.keys(after.spec.nodes)).toEqual(['pgsql', 'api']);
    expect(after.spec.nodes.api).toMatchObject({ dependsOn: [{ node: 'pgsql', condition: 'started' }] });
    expect(selectedNodes).toEqual(['pgsql']);
    // Same element: the form was not remounted under the new id.
    expect(input('Name')).toBe(name);
    expect(document.activeElement).toBe(name);
    // Typing the new name was one step.
    act(() => store.getState().undo());
    expect(store.getState().doc).toBe(doc);
  });

  it('keeps a taken or malformed name on screen with the reason', () => {
    const { store } = renderInspector(doc, { nodes: ['db'] });
    fireEvent.change(input('Name'), { target: { value: 'api' } });
    expect(input('Name').value).toBe('api');
    expect(screen.getByRole('alert').textContent).toContain('A node named "api" already exists');
    fireEvent.change(input('Name'), { target: { value: 'Bad Name' } });
    expect(screen.getByRole('alert').textContent).toContain('lowercase letters');
    fireEvent.change(input('Name'), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('A node needs a name.');
    expect(store.getState().doc).toBe(doc);
  });
});

describe('Inspector: environment', () => {
  it('adds, edits and removes variables', () => {
    const { node } = renderInspector(makeTopology({ web: { kind: 'service', image: 'nginx' } }), {
      nodes: ['web'],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    fireEvent.change(input('Variable 1'), { target: { value: 'MODE' } });
    expect(node('web')).toMatchObject({ environment: { MODE: '' } });
    fireEvent.change(input('Value of MODE'), { target: { value: 'prod' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    fireEvent.change(input('Variable 2'), { target: { value: 'MODE' } });
    expect(screen.getByRole('alert').textContent).toBe('"MODE" is already set above.');
    fireEvent.change(input('Variable 2'), { target: { value: 'PORT' } });
    fireEvent.change(input('Value of PORT'), { target: { value: '80' } });
    expect(node('web')).toMatchObject({ environment: { MODE: 'prod', PORT: '80' } });

    // Retyping a key keeps the row in place.
    fireEvent.change(input('Variable 1'), { target: { value: 'APP_MODE' } });
    expect(Object.keys((node('web') as { environment: object }).environment)).toEqual(['APP_MODE', 'PORT']);

    fireEvent.click(screen.getByLabelText('Take PORT from the host environment'));
    expect(node('web')).toMatchObject({ environment: { APP_MODE: 'prod', PORT: null } });

    fireEvent.click(screen.getByRole('button', { name: 'Remove APP_MODE' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove PORT' }));
    expect(node('web')).toEqual({ kind: 'service', image: 'nginx' });
  });

  it('hides values whose names look secret until each is revealed, and shows references', () => {
    const { node } = renderInspector(
      makeTopology({
        web: {
          kind: 'service',
          image: 'nginx',
          environment: {
            DB_PASSWORD: 'canary-7f3a9c',
            API_TOKEN: 'tok',
            FROM_ENV: '${DB_PASSWORD}',
            MODE: 'prod',
          },
        },
      }),
      { nodes: ['web'] },
    );
    const password = input('Value of DB_PASSWORD');
    expect(password.type).toBe('password');
    expect(input('Value of API_TOKEN').type).toBe('password');
    expect(input('Value of FROM_ENV').type).toBe('text');
    expect(input('Value of MODE').type).toBe('text');

    const show = screen.getByRole('button', { name: 'Show value of DB_PASSWORD' });
    fireEvent.click(show);
    expect(password.type).toBe('text');
    expect(show.getAttribute('aria-pressed')).toBe('true');
    // Only that value is revealed.
    expect(input('Value of API_TOKEN').type).toBe('password');
    fireEvent.change(password, { target: { value: 'changed-secret' } });
    expect(node('web')).toMatchObject({ environment: { DB_PASSWORD: 'changed-secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Hide value of DB_PASSWORD' }));
    expect(password.type).toBe('password');
  });

  it('imports pasted .env text in one undoable step, merging into what is set', () => {
    const { store, node } = renderInspector(
      makeTopology({ web: { kind: 'service', image: 'nginx', environment: { A: 'old', KEEP: 'x' } } }),
      { nodes: ['web'] },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Import .env' }));
    const dialog = screen.getByRole('dialog', { name: 'Import .env' });
    fireEvent.change(within(dialog).getByLabelText('.env content'), {
      target: { value: '# comment\nA=1\nexport B=\'two words\'\nC="x y" \n' },
    });
    expect(within(dialog).getByText('3 variables found')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(node('web')).toMatchObject({ environment: { A: '1', KEEP: 'x', B: 'two words', C: 'x y' } });
    expect(Object.keys((node('web') as { environment: object }).environment)).toEqual([
      'A',
      'KEEP',
      'B',
      'C',
    ]);
    act(() => store.getState().undo());
    expect(node('web')).toMatchObject({ environment: { A: 'old', KEEP: 'x' } });
  });

  it('imports a picked .env file', async () => {
    const { node } = renderInspector(makeTopology({ web: { kind: 'service', image: 'nginx' } }), {
      nodes: ['web'],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import .env' }));
    const file = new File(['TOKEN=abc\n'], 'prod.env', { type: 'text/plain' });
    fireEvent.change(screen.getByLabelText('Or pick a file'), { target: { files: [file] } });
    await expect
      .poll(() => screen.getByLabelText<HTMLTextAreaElement>('.env content').value)
      .toBe('TOKEN=abc\n');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(node('web')).toMatchObject({ environment: { TOKEN: 'abc' } });
  });
});
