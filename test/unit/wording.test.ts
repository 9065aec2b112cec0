/**
 * One fact, one wording (src/core/wording.ts): what the diagnostics, the hover, the CLI's
 * `landings` table and the panel say about the same landing, on the spec example.
 */
import * as assert from 'node:assert/strict';
import { landingRow } from '../../src/core/features';
import {
  explainFailover, failoverWords, landingStatusText, noFailoverNetworkText,
} from '../../src/core/wording';
import { NY_CHICAGO, NY_CHICAGO_SITES, analyze, landingOf, withCode } from './helpers/topologies';

describe('wording: one way to say each fact of a landing', () => {
  // VM3's first NIC: VMNetwork2-NewYork has no mapping.
  const a = analyze(NY_CHICAGO);
  // Silver's: VMNetwork2-Chicago is not available to SilverCloud1 → SilverCloud2.
  const b = analyze(`${NY_CHICAGO_SITES}networkMappings:
  - source: VMNetwork2-NewYork
    target: VMNetwork2-Chicago
vms:
  - name: Silver
    cloud: SilverCloud1
    network: VMNetwork2-NewYork
`);

  it('a network not mapped: the same words in the diagnostic, the hover, the CLI and the panel', () => {
    const l = landingOf(a, 'VM3', 0);
    const top020 = withCode(a, 'TOP020').find((d) => d.message.includes('VMNetwork2-NewYork'));
    assert.equal(
      top020?.message,
      "'VMNetwork2-NewYork' is not mapped to a VM network, so the replica of NIC 0 of VM 'VM3' in cloud 'SilverCloud2' doesn't connect to any network.",
    );
    assert.equal(explainFailover(l), "The replica in cloud 'SilverCloud2' doesn't connect to any network: 'VMNetwork2-NewYork' is not mapped to a VM network.");
    const row = landingRow(l);
    assert.equal(failoverWords(row.failover), 'not connected (network not mapped)');
    assert.equal(landingStatusText(row.failover), 'Not connected: network not mapped');
    assert.equal(noFailoverNetworkText('not-connected'), "Doesn't connect");
  });

  it('a target not available: the diagnostic and the hover name the missing logical network alike', () => {
    const l = landingOf(b, 'Silver');
    assert.equal(l.failover.reason, 'unavailable');
    const lacks = "cloud 'SilverCloud2' doesn't have logical network 'LogicalNetwork2Chicago'";
    const top021 = withCode(b, 'TOP021');
    assert.equal(top021.length, 1);
    assert.ok(top021[0]!.message.includes(`: ${lacks}, so replicas of`), top021[0]!.message);
    assert.ok(explainFailover(l).includes(`which is not available (${lacks})`), explainFailover(l));
    const row = landingRow(l);
    assert.equal(failoverWords(row.failover), 'not connected (target not available to the protecting cloud)');
    assert.equal(landingStatusText(row.failover), 'Not connected: target not available to the protecting cloud');
  });
});
