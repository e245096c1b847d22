import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factoredReward, rewardParameters, tradeReward } from '../../src/strategy/index.js';
import { positionLevels } from '../../src/market/index.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);
const [SHORT, FLAT, LONG] = [0, 1, 2];

test('the reward is the return of one unit of exposure minus the costs of moving there, in percent', () => {
  const params = rewardParameters({ commission: 10, impact: 0.005 }, 100_000);
  close(params.commission, 0.0001);
  close(tradeReward(params, FLAT, FLAT, 0.02), 0);
  close(tradeReward(params, LONG, LONG, 0.02), 2);
  close(tradeReward(params, SHORT, SHORT, 0.02), -2);
  // Flat to long: one unit traded.
  close(tradeReward(params, FLAT, LONG, 0.02), 100 * (0.02 - 0.005 - 0.0001));
  // Long to short: two units traded, one commission.
  close(tradeReward(params, LONG, SHORT, -0.01), 100 * (0.01 - 0.01 - 0.0001));
  close(tradeReward(rewardParameters({ commission: 10, impact: 0 }, 0), FLAT, LONG, 0), 0);
});

test('with exposure levels the move and the impact scale with the exposure; risk is charged per unit of variance', () => {
  const levels = positionLevels([-1, -0.5, 0, 0.5, 1]);
  const params = rewardParameters({ commission: 0, impact: 0.005 }, 100_000, 4);
  // Flat (2) to long 50% (3): half a unit traded and held.
  close(tradeReward(params, 2, 3, 0.02, levels), 100 * (0.5 * 0.02 - 0.005 * 0.5));
  // Long 50% to long: half a unit more.
  close(tradeReward(params, 3, 4, 0.01, levels), 100 * (0.01 - 0.0025));
  const { varianceWeight } = factoredReward(params, levels);
  close(varianceWeight(2, 4), -100 * 2);
  close(varianceWeight(0, 3), -100 * 2 * 0.25);
  close(varianceWeight(4, 2), -0);
  assert.deepEqual(levels.names, ['short', 'short 50%', 'flat', 'long 50%', 'long']);
});
