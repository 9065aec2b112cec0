/** The panel's messages (src/webview/protocol.ts) and the host's pure logic (src/client/panel/locate.ts, html.ts). */
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, panelHtml } from '../../src/client/panel/html';
import { findDefinition } from '../../src/client/panel/locate';
import { isHostMessage, isLandingsResponse, isPanelData, isPanelState, isWebviewMessage } from '../../src/protocol';
import { NY_TEXT, panelDataFor, responseFor } from './helpers/panel';

describe('panel protocol guards', () => {
  const data = panelDataFor(NY_TEXT);

  it('accepts the host data and well-formed messages both ways', () => {
    assert.ok(isPanelData(data));
    assert.ok(isHostMessage({ type: 'update', data }));
    assert.ok(isHostMessage({ type: 'status', state: 'loading', message: 'Loading…' }));
    assert.ok(isWebviewMessage({ type: 'ready' }));
    assert.ok(isWebviewMessage({ type: 'reveal', target: { kind: 'vm', name: 'VM1', scope: null, index: null } }));
    assert.ok(isWebviewMessage({ type: 'export', format: 'csv', table: 'landings' }));
    assert.ok(isPanelState({ uri: 'file:///x', filter: 'vm', sort: { landings: { column: 2, direction: 'desc' } } }));
  });

  it('ignores malformed messages', () => {
    for (const m of [
      null, 42, 'ready', [], {}, { type: 'nope' }, { type: 'reveal' }, { type: 'reveal', target: { kind: 'file', name: 'x', scope: null, index: null } },
      { type: 'reveal', target: { kind: 'vm', name: 7, scope: null, index: null } },
      { type: 'reveal', target: { kind: 'nic', name: 'VM1', scope: null, index: -1 } },
      { type: 'export', format: 'pdf', table: null }, { type: 'export', format: 'csv', table: 'secrets' },
      { type: 'export', format: 'csv' },
    ]) assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
    const bad = { ...data, landings: [{ ...data.landings[0]!, failover: { ...data.landings[0]!.failover, status: 'exploded' } }] };
    assert.equal(isHostMessage({ type: 'update', data: bad }), false);
    assert.equal(isHostMessage({ type: 'update', data: { ...data, mappings: [{ vmNetwork: {} }] } }), false);
    assert.equal(isHostMessage({ type: 'status', state: 'loading' }), false);
    assert.equal(isPanelState({ uri: null, filter: '', sort: { evil: { column: 1, direction: 'asc' } } }), false);
    assert.equal(isPanelState({ uri: null, filter: '', sort: { landings: { column: 1.5, direction: 'asc' } } }), false);
  });
});

describe('panel host: definitions, badges, HTML', () => {
  const { response } = responseFor(NY_TEXT);

  it('the server answer passes the host check; a broken one does not', () => {
    assert.ok(isLandingsResponse(response));
    assert.equal(isLandingsResponse({ ...response, definitions: [{ kind: 'vm', name: 'x' }] }), false);
    assert.equal(isLandingsResponse({ version: 1, landings: [], mappings: [], availability: [] }), false);
  });

  it('finds the definition of a clicked name: the name itself, a subnet of its network, a NIC, a mapping', () => {
    const text = (t: Parameters<typeof findDefinition>[1]): string | undefined => {
      const d = findDefinition(response.definitions, t);
      return d && NY_TEXT.slice(d.select.start, d.select.end);
    };
    const lineOf = (t: Parameters<typeof findDefinition>[1]): number => {
      const d = findDefinition(response.definitions, t)!;
      return NY_TEXT.slice(0, d.select.start).split('\n').length;
    };
    assert.equal(text({ kind: 'vmNetwork', name: 'VMNetwork2-Chicago', scope: null, index: null }), 'VMNetwork2-Chicago');
    assert.equal(text({ kind: 'network', name: 'vnet-dr', scope: null, index: null }), 'vnet-dr');
    assert.equal(text({ kind: 'cloud', name: 'SilverCloud2', scope: null, index: null }), 'SilverCloud2');
    assert.equal(text({ kind: 'site', name: 'Chicago', scope: null, index: null }), 'Chicago');
    assert.equal(text({ kind: 'vm', name: 'VM3', scope: null, index: null }), 'VM3');
    // Subnet-A of VMNetwork1-Chicago is its second subnet, after Subnet-B.
    assert.ok(lineOf({ kind: 'subnet', name: 'Subnet-A', scope: 'VMNetwork1-Chicago', index: null }) > lineOf({ kind: 'subnet', name: 'Subnet-B', scope: 'VMNetwork1-Chicago', index: null }));
    assert.equal(text({ kind: 'nic', name: 'VM3', scope: null, index: 1 }), 'VMNetwork1-NewYork');
    assert.ok(lineOf({ kind: 'nic', name: 'VM3', scope: null, index: 1 }) > lineOf({ kind: 'nic', name: 'VM3', scope: null, index: 0 }));
    assert.equal(text({ kind: 'mapping', name: 'VMNetwork1-Chicago', scope: 'VMNetwork1-NewYork', index: null }), 'VMNetwork1-Chicago');
    const back = NY_TEXT.split('\n').findIndex((l) => l.startsWith('  - source: VMNetwork1-Chicago')) + 1;
    assert.equal(lineOf({ kind: 'mapping', name: 'VMNetwork1-Chicago', scope: 'VMNetwork1-NewYork', index: null }), back);
    assert.equal(findDefinition(response.definitions, { kind: 'mapping', name: 'VMNetwork2-NewYork', scope: 'x', index: null }), undefined);
    assert.equal(findDefinition(response.definitions, { kind: 'vm', name: 'nobody', scope: null, index: null }), undefined);
  });

  it('writes a strict CSP with a nonce and nothing remote', () => {
    const csp = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'abc123');
    assert.equal(csp, "default-src 'none'; script-src 'nonce-abc123'; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-abc123'; img-src https://file+.vscode-resource.vscode-cdn.net data:; font-src https://file+.vscode-resource.vscode-cdn.net");
    const html = panelHtml('vscode-src', 'https://x/dist/webview.js', 'abc123');
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\/dist\/webview\.js"><\/script>/);
    assert.match(html, /<style nonce="abc123">/);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /https?:\/\/(?!x\/)/, 'no remote resources');
  });
});
