import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowStatus } from 'weft-workflows';
import { runDeployScenario } from './deploy.scenario';

describe('versioning sample: a deploy with instances in flight', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-versioning-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps v1 instances on v1, starts new ones on v2, and resumes an instance stalled by a bad deploy', async () => {
    const lines: string[] = [];
    const { stalled, finished } = await runDeployScenario(join(dir, 'v.db'), (l) => lines.push(l));
    expect(stalled.status).toBe(WorkflowStatus.STALLED);
    expect(stalled.stalledReason).toBe('VERSION_NOT_AVAILABLE');
    const v1Steps = ['reserved 3 paperclips', 'charged for 3 paperclips'];
    expect(finished['order-1'].output).toEqual({ version: 'v1', steps: v1Steps, approved: true });
    expect(finished['order-3'].output).toEqual({ version: 'v1', steps: v1Steps, approved: true });
    expect(finished['order-2'].output).toEqual({
      version: 'v2',
      steps: ['charged for 3 paperclips', 'reserved 3 paperclips'],
      approved: true,
    });
    expect(Object.values(finished).map((s) => s.version)).toEqual(['v1', 'v2', 'v1']);
    expect(lines).toHaveLength(5);
  });
});
