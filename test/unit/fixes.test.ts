/** Quick fixes built in the core (src/core/features/fixes.ts): titles, the preferred one, and edits that fix. */
import * as assert from 'node:assert/strict';
import { applyEdits, bestTarget, fixableAt, quickFixes } from '../../src/core/features';
import { NY_CHICAGO, analyze, codes, withCode } from './helpers/topologies';

describe('quick fixes from a diagnostic and the analysis', () => {
  it('a misspelt name: one fix per suggestion, the first preferred, and applying it clears the TOP011', () => {
    const text = NY_CHICAGO.replace('cloud: GoldCloud1\n    network: VMNetwork1-NewYork', 'cloud: GoldCloud1\n    network: VMNetwork1-NewYrok');
    const a = analyze(text);
    const top011 = withCode(a, 'TOP011');
    assert.equal(top011.length, 1);
    const fixes = quickFixes(a, top011[0]!);
    assert.deepEqual(fixes.map((f) => [f.title, f.preferred]), [["Change to 'VMNetwork1-NewYork'", true], ["Change to 'VMNetwork2-NewYork'", false]]);
    const fixed = analyze(applyEdits(text, fixes[0]!.edits));
    assert.deepEqual(codes(fixed), codes(analyze(NY_CHICAGO)));
  });

  it('an unmapped network: a mapping to each target the pair can use, the closest name preferred', () => {
    const a = analyze(NY_CHICAGO);
    const top020 = withCode(a, 'TOP020');
    assert.equal(top020.length, 1);
    const fixes = quickFixes(a, top020[0]!);
    // VM3 is in SilverCloud1 → SilverCloud2: VMNetwork2-Chicago is not available to that pair.
    assert.deepEqual(fixes.map((f) => [f.title, f.preferred]), [['Add a mapping VMNetwork2-NewYork → VMNetwork1-Chicago', true]]);
    const fixed = analyze(applyEdits(NY_CHICAGO, fixes.find((f) => f.preferred)!.edits));
    assert.deepEqual(withCode(fixed, 'TOP020'), []);
  });

  it('finds the fixable diagnostics that touch a span, and only those', () => {
    const a = analyze(NY_CHICAGO);
    const d = withCode(a, 'TOP020')[0]!;
    assert.deepEqual(fixableAt(a, { start: d.span.start, end: d.span.start }), [d]);
    assert.deepEqual(fixableAt(a, { start: 0, end: 0 }), []);
  });

  it('prefers the target whose name is closest to the source', () => {
    assert.equal(bestTarget('VMNetwork1-NewYork', ['VMNetwork2-Chicago', 'VMNetwork1-Chicago']), 'VMNetwork1-Chicago');
    assert.equal(bestTarget('x', []), undefined);
  });
});
