import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalCdf, positionChanges, probabilisticSharpe, psrFromMoments, randomPolicyPValue, randomPolicyWithChanges } from '../../src/evaluation/index.js';
import { createRng } from '../../src/rng.js';
import { simulatePositions } from '../../src/market/index.js';

const near = (a: number | null, b: number, eps = 1e-9) => assert.ok(a !== null && Math.abs(a - b) < eps, `${a} != ${b}`);
const rules = { cash: 100_000, costs: { commission: 1, impact: 0.001 }, maintenance: 0.25 };
const sizing = { kind: 'fraction', size: 1 } as const;
const dates = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`);

test('random policies change position exactly as often as asked, to another position each time', () => {
  const rng = createRng('x');
  for (const k of [0, 1, 7, 100]) assert.equal(positionChanges(randomPolicyWithChanges(300, k, rng)), k);
  assert.equal(positionChanges([0, 1, 1, -1, 0]), 3);
});

test('the p-value lies in (0, 1], repeats for a seed, is small for an obvious edge and not for a policy of no skill', () => {
  const n = 500;
  // A zig-zag market: up on even days, down on odd ones. Knowing it is an edge no random policy matches.
  const prices = Float64Array.from({ length: n }, (_, t) => 100 * (t % 2 ? 1.01 : 1));
  const perfect = Int8Array.from({ length: n }, (_, t) => (t % 2 ? 0 : 1));
  const segment = { dates: dates(n), prices, units: perfect };
  const strategy = simulatePositions(segment.dates, prices, perfect, sizing, rules);
  const total = strategy.values[n - 1] / rules.cash - 1;
  const p = randomPolicyPValue([segment], total, 200, sizing, rules, createRng('p'));
  assert.equal(p, 1 / 201, 'no random policy does as well');
  assert.equal(randomPolicyPValue([segment], total, 200, sizing, rules, createRng('p')), p, 'same seed, same p');
  // A policy no better than chance: a random one itself, judged against others.
  const random = randomPolicyWithChanges(n, 40, createRng('r'));
  const walk = Float64Array.from({ length: n }, (_, t) => 100 + 5 * Math.sin(t / 7) + ((t * 7919) % 13) / 13);
  const luck = simulatePositions(dates(n), walk, random, sizing, rules);
  const q = randomPolicyPValue([{ dates: dates(n), prices: walk, units: random }], luck.values[n - 1] / rules.cash - 1, 200, sizing, rules, createRng('q'));
  assert.ok(q > 0.05 && q <= 1, `p = ${q}`);
});

test('the probabilistic Sharpe ratio follows Bailey and Lopez de Prado (2012)', () => {
  near(normalCdf(1.96), 0.9750021048517795, 1e-12);
  near(normalCdf(-1), 0.15865525393145707, 1e-12);
  // Worked by hand from the paper's formula: SR 0.1 over 252 Gaussian returns: Phi(0.1 sqrt(251) / sqrt(1 + 0.5 * 0.01)).
  near(psrFromMoments(0.1, 252, 0, 3), normalCdf((0.1 * Math.sqrt(251)) / Math.sqrt(1.005)), 1e-15);
  near(psrFromMoments(0.1, 252, 0, 3), 0.9429868610243624, 1e-12);
  // Negative skew and fat tails lower it; a longer record raises it.
  const base = psrFromMoments(0.458, 24, 0, 3) ?? 0;
  assert.ok((psrFromMoments(0.458, 24, -2.448, 10.164) ?? 1) < base);
  assert.ok((psrFromMoments(0.458, 48, -2.448, 10.164) ?? 0) > (psrFromMoments(0.458, 24, -2.448, 10.164) ?? 1));
  near(psrFromMoments(0.458, 24, -2.448, 10.164), 0.913361083860933, 1e-12);
  near(psrFromMoments(0, 100, 0, 3), 0.5);
  // From returns: a symmetric two-point distribution has skew 0 and kurtosis 1.
  const returns = Array.from({ length: 100 }, (_, i) => (i % 2 ? 0.03 : -0.01));
  const sd = Math.sqrt((0.0004 * 100) / 99);
  near(probabilisticSharpe(returns), psrFromMoments(0.01 / sd, 100, 0, 1) ?? Number.NaN, 1e-12);
  assert.equal(probabilisticSharpe([0.01, 0.01, 0.01]), null, 'no variance, no PSR');
});

