import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorld, runWorld } from '../support/grid-world.js';

// Our own worlds: an open room, and a corridor past quicksand.
const ROOM = `
2,0,0,0,0,0
0,0,0,0,0,0
0,0,1,1,0,0
0,0,0,1,0,0
0,0,0,0,0,3`;
const MOAT = `
0,0,0,0,0,0,0,0
2,0,5,5,5,5,0,3
0,0,1,1,1,1,0,0
0,0,0,0,0,0,0,0`;

const NO_PLANNING = { alpha: 0.2, gamma: 0.9, rar: 0.98, radr: 0.999, dyna: 0 };
const PLANNING = { alpha: 0.2, gamma: 0.9, rar: 0.5, radr: 0.99, dyna: 200 };

test('Q-learning reaches the goal and learns a short path', () => {
  for (const text of [ROOM, MOAT]) {
    const run = runWorld(parseWorld(text), 500, NO_PLANNING);
    // The shortest paths take 10 and 11 steps; 20% action noise adds a few.
    assert.ok(run.median > -30, `median ${run.median}`);
  }
});

test('Dyna-Q reaches a good policy in far fewer real steps than Q-learning', () => {
  // Real steps taken until five episodes in a row score better than -20 (the best path is 11 steps).
  const stepsToLearn = (dyna: number, seed: number) => {
    const run = runWorld(parseWorld(MOAT), 300, { ...PLANNING, dyna }, seed);
    let steps = 0;
    for (let e = 0; e < run.scores.length; e++) {
      steps += run.steps[e];
      if (e >= 4 && run.scores.slice(e - 4, e + 1).every((s) => s > -20)) return steps;
    }
    return Number.POSITIVE_INFINITY;
  };
  for (const seed of [1, 2, 3]) {
    const planning = stepsToLearn(200, seed);
    const plain = stepsToLearn(0, seed);
    assert.ok(planning * 3 < plain, `seed ${seed}: ${planning} real steps with dyna 200 vs ${plain} without`);
  }
});
