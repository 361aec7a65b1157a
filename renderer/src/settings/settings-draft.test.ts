import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/ipc/contract';
import { draftFrom, patchFrom } from './settings-draft';

describe('the settings form', () => {
  it('round-trips the settings', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      engine: { kind: 'context' as const, name: 'remote' },
      otlp: { endpoint: 'http://127.0.0.1:4318', headers: { authorization: 'Bearer s3cret' } },
      metrics: { port: 9464 },
      theme: 'dark' as const,
      logBufferLines: 5000,
      notifications: [
        { url: 'https://hooks.example.com/a?token=t' },
        { url: 'https://hooks.example.com/b', events: ['service.unhealthy' as const] },
      ],
    };
    expect(patchFrom(draftFrom(settings))).toEqual({
      patch: {
        engine: settings.engine,
        otlp: settings.otlp,
        metrics: settings.metrics,
        theme: 'dark',
        logBufferLines: 5000,
        notifications: settings.notifications,
      },
    });
  });

  it('says what is wrong, field by field', () => {
    const draft = {
      ...draftFrom(DEFAULT_SETTINGS),
      engineKind: 'host' as const,
      host: 'localhost:2375',
      otlpEndpoint: 'collector',
      headers: [{ name: 'bad name', value: 'x' }],
      metricsOn: true,
      metricsPort: '70000',
      logBufferLines: '10',
      notifications: [{ url: 'hooks.example.com', events: [] }],
    };
    const result = patchFrom(draft);
    expect('errors' in result && Object.keys(result.errors).sort()).toEqual([
      'headers',
      'host',
      'logBufferLines',
      'metricsPort',
      'notifications',
      'otlpEndpoint',
    ]);
    expect('errors' in result && result.errors.notifications).toBe(
      'Webhook 1: "hooks.example.com" is not a URL.',
    );
    const silent = patchFrom({
      ...draftFrom(DEFAULT_SETTINGS),
      notifications: [{ url: 'https://h.example.com', events: [] }],
    });
    expect('errors' in silent && silent.errors.notifications).toBe('Webhook 1: choose an event to send it.');
  });

  it('leaves out empty header rows and an empty endpoint', () => {
    const draft = { ...draftFrom(DEFAULT_SETTINGS), headers: [{ name: '', value: '' }] };
    expect(patchFrom(draft)).toMatchObject({ patch: { otlp: { headers: {} }, metrics: null } });
  });
});
