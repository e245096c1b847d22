/**
 * The ML4T robot-navigation grid world, as the course's grader runs it (see
 * ../shared/data/worlds/README.md): a test environment for the learner.
 */
import { DynaQLearner, type DynaQOptions } from '../../src/learner/index.js';
import { createRng, type Rng } from '../../src/rng.js';
import { median } from '../../src/stats/median.js';

export const EMPTY = 0;
export const OBSTACLE = 1;
export const START = 2;
export const GOAL = 3;
export const QUICKSAND = 5;

/** A rectangular world of cell codes. */
export interface GridWorld {
  rows: number;
  cols: number;
  cells: number[];
}

/** Parses a world: rows of comma-separated cell codes. */
export function parseWorld(text: string): GridWorld {
  const lines = text.trim().split(/\r?\n/).filter((l) => l.trim() !== '');
  const grid = lines.map((l) => l.split(',').map((c) => Number(c.trim())));
  const cols = grid[0].length;
  if (grid.some((row) => row.length !== cols || row.some((c) => ![0, 1, 2, 3, 5].includes(c)))) {
    throw new Error('world must be a rectangle of 0, 1, 2, 3, 5');
  }
  return { rows: grid.length, cols, cells: grid.flat() };
}

const MOVES: ReadonlyArray<readonly [number, number]> = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
];

/** One step: returns the new state and its reward, with the course's 20% action noise. */
export function step(world: GridWorld, s: number, action: number, rng: Rng): { s: number; r: number } {
  const a = rng.next() <= 0.2 ? rng.int(4) : action;
  const row = Math.floor(s / world.cols) + MOVES[a][0];
  const col = (s % world.cols) + MOVES[a][1];
  if (row < 0 || col < 0 || row >= world.rows || col >= world.cols || world.cells[row * world.cols + col] === OBSTACLE) {
    return { s, r: -1 };
  }
  const next = row * world.cols + col;
  const cell = world.cells[next];
  return { s: next, r: cell === GOAL ? 1 : cell === QUICKSAND ? -100 : -1 };
}

/** Result of training a learner on a world. */
export interface WorldRun {
  /** Score (sum of rewards) of each episode. */
  scores: number[];
  /** Median episode score. */
  median: number;
  /** Real steps of each episode. */
  steps: number[];
  /** Real steps taken over all episodes. */
  realSteps: number;
}

/** Trains a fresh learner on the world for `episodes` episodes (each ends at the goal or after maxSteps). */
export function runWorld(world: GridWorld, episodes: number, options: Omit<DynaQOptions, 'numStates' | 'numActions'>, seed = 1, maxSteps = 10000): WorldRun {
  const learner = new DynaQLearner({ ...options, numStates: world.rows * world.cols, numActions: 4 });
  const rng = createRng(`world-${seed}`);
  const start = world.cells.indexOf(START);
  const scores: number[] = [];
  const steps: number[] = [];
  let realSteps = 0;
  for (let e = 0; e < episodes; e++) {
    let s = start;
    let a = learner.querySetState(s);
    let score = 0;
    let n = 0;
    while (n < maxSteps) {
      n++;
      const next = step(world, s, a, rng);
      score += next.r;
      realSteps++;
      s = next.s;
      a = learner.query(s, next.r);
      if (world.cells[s] === GOAL) break;
    }
    scores.push(score);
    steps.push(n);
  }
  return { scores, steps, median: median(scores), realSteps };
}
