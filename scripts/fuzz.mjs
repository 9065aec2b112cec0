// `npm run fuzz`: the property tests of the core (test/unit/properties.test.ts, the incremental
// analysis against a fresh one after random edit sequences in test/unit/incremental.test.ts,
// and the fast YAML reader against yaml in test/unit/fast-yaml.test.ts) with many
// runs and a random seed. fast-check prints the seed and the shrunk counterexample of a
// failure; replay it with FUZZ_SEED=<seed>.
//
//   node scripts/fuzz.mjs [--runs N] [--seed N] [--grep TEXT]
//   FUZZ_RUNS=5000 node scripts/fuzz.mjs
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = opt('--runs') ?? process.env.FUZZ_RUNS ?? '2000';
const seed = opt('--seed') ?? process.env.FUZZ_SEED ?? String((Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0);
const grep = opt('--grep');

const tsc = spawnSync('npx', ['tsc', '-p', '.'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log(`fuzz: ${runs} runs per property, seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} node scripts/fuzz.mjs)`);
const mocha = spawnSync(
  'npx',
  ['mocha', '--config', '.mocharc.json', '--timeout', '0', 'out/test/unit/properties.test.js', 'out/test/unit/incremental.test.js', 'out/test/unit/fast-yaml.test.js', ...(grep ? ['--grep', grep] : [])],
  { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed } },
);
if (mocha.status !== 0) console.log(`fuzz: FAILED with seed ${seed}`);
process.exit(mocha.status ?? 1);
