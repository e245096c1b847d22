import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rewardParameters, tradeReward } from '../../src/strategy/index.js';
import { FLAT, LONG, SHORT } from '../../src/market/index.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

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
