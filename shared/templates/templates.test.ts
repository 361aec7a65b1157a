import { describe, expect, it } from 'vitest';
import { exportCompose } from '../compose';
import { plan } from '../topology/plan';
import { Topology } from '../topology/model';
import { validate } from '../topology/validate';
import { SAMPLE_IMAGE, TEMPLATES, templateDocument } from './index';

describe('templates', () => {
  it('has the three-tier app, the ETL chain and the monitoring stack', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['three-tier', 'etl', 'monitoring']);
  });

  for (const template of TEMPLATES) {
    describe(template.title, () => {
      const doc = templateDocument(template);

      it('is a valid document without problems', () => {
        expect(Topology.safeParse(doc).success).toBe(true);
        expect(validate(doc)).toEqual([]);
      });

      it('plans, with every node in a wave', () => {
        const result = plan(doc);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const planned = result.plan.waves.flatMap((wave) => wave.steps.map((step) => step.nodeId));
        expect(planned.sort()).toEqual(Object.keys(doc.spec.nodes).sort());
      });

      it('is laid out: every node has a position, none on top of another', () => {
        const positions = doc.layout?.nodes ?? {};
        expect(Object.keys(positions).sort()).toEqual(Object.keys(doc.spec.nodes).sort());
        const spots = new Set(Object.values(positions).map((p) => `${p.x},${p.y}`));
        expect(spots.size).toBe(Object.keys(positions).length);
      });

      it('runs only the locally built sample image, and lists its named volumes', () => {
        const images = Object.values(doc.spec.nodes).flatMap((n) =>
          'image' in n && n.image ? [n.image] : [],
        );
        expect(new Set(images)).toEqual(new Set([SAMPLE_IMAGE]));
        expect(template.images).toEqual([SAMPLE_IMAGE]);
        const volumes = Object.entries(doc.spec.nodes)
          .filter(([, n]) => n.kind === 'volume')
          .map(([id]) => id);
        expect(volumes).toEqual([...template.volumes]);
      });

      it('exports to Compose', () => {
        expect(exportCompose(doc).yaml).toContain('services:');
      });
    });
  }
});
