/** New Topology File's templates: each analyses clean, and says the scenario it is for. */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis';
import { TEMPLATES, type Scenario } from '../../src/client/templates';

describe('New Topology File templates', () => {
  it('lists to Azure first', () => {
    assert.deepEqual(Object.keys(TEMPLATES), ['azure', 'vmm']);
  });

  for (const s of Object.keys(TEMPLATES) as Scenario[]) {
    it(`the ${s} template has no diagnostic`, () => {
      const a = analyze(TEMPLATES[s].text);
      assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${d.message}`), []);
      assert.ok(a.model.vms.length > 0 && a.model.mappings.length > 0 && a.model.pairs.length > 0);
    });
  }

  it('the Azure template replicates to Azure: its VM lands connected in the Azure network', () => {
    const a = analyze(TEMPLATES.azure.text);
    assert.equal(a.model.pairs[0]?.toAzure, true);
    const l = a.landings[0];
    assert.equal(l?.failover.status, 'connected');
    assert.equal(l?.failover.target?.name.value, 'vnet-dr-seattle');
  });
});
