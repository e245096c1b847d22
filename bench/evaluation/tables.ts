/** Summaries of evaluation runs, and the Markdown tables the README and docs/evaluation.md show. */
import type { Baselines, SplitResult, WalkForwardResult } from './runs.js';
import { median } from '../../src/stats/median.js';

/** Per market kind: wins against buy-and-hold, mean excess returns (strategy and baselines), trades, cost drag, Sharpe. */
export interface KindSummary {
  kind: string;
  runs: number;
  winsVsBuyAndHold: number;
  meanExcess: number;
  medianExcess: number;
  meanReturn: number;
  meanTrades: number;
  meanEpochs: number;
  medianCostDrag: number;
  meanSharpe: number | null;
  meanPosition: number;
  maxLeverage: number;
  minEquity: number;
  baselines: Baselines;
}

/** One row per kind, then one for all runs. */
export function summarizeSplits(runs: SplitResult[]): KindSummary[] {
  const kinds = [...new Set(runs.map((r) => r.kind)), 'all'];
  return kinds.map((kind) => {
    const rs = kind === 'all' ? runs : runs.filter((r) => r.kind === kind);
    const mean = (f: (r: SplitResult) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
    const sharpes = rs.map((r) => r.sharpe).filter((x): x is number => x !== null);
    return {
      kind,
      runs: rs.length,
      winsVsBuyAndHold: rs.filter((r) => r.excess > 0).length,
      meanExcess: mean((r) => r.excess),
      medianExcess: median(rs.map((r) => r.excess)),
      meanReturn: mean((r) => r.strategyReturn),
      meanTrades: mean((r) => r.trades),
      meanEpochs: mean((r) => r.epochs),
      medianCostDrag: median(rs.map((r) => r.costDrag)),
      meanSharpe: sharpes.length ? sharpes.reduce((s, x) => s + x, 0) / sharpes.length : null,
      meanPosition: mean((r) => r.meanPosition),
      maxLeverage: Math.max(...rs.map((r) => r.maxLeverage)),
      minEquity: Math.min(...rs.map((r) => r.minEquity)),
      baselines: {
        flat: mean((r) => r.baselines.flat),
        bollinger: mean((r) => r.baselines.bollinger),
        momentum: mean((r) => r.baselines.momentum),
        volManaged: mean((r) => r.baselines.volManaged),
        random: mean((r) => r.baselines.random),
      },
    };
  });
}

/** The walk-forward figures over tickers, averaged over seeds (a Sharpe ratio that cannot be computed counts as 0). */
export interface WalkForwardSummary {
  tickers: number;
  seeds: number;
  medianSharpe: number;
  medianBuyAndHoldSharpe: number;
  /** Tickers whose walk-forward Sharpe is at least buy-and-hold's minus 0.1 (mean over seeds). */
  withinTenth: number;
  medianMaxDrawdown: number;
  medianBuyAndHoldMaxDrawdown: number;
  medianReturn: number;
  medianBuyAndHoldReturn: number;
  meanTrades: number;
  meanPosition: number;
  medianMomentumSharpe: number;
  medianVolManagedSharpe: number;
  medianVolManagedMaxDrawdown: number;
}

export function summarizeWalkForwards(runs: WalkForwardResult[]): WalkForwardSummary | undefined {
  if (runs.length === 0) return undefined;
  const seeds = [...new Set(runs.map((r) => r.seed))];
  const perSeed = seeds.map((seed) => {
    const rs = runs.filter((r) => r.seed === seed);
    const sharpe = (x: number | null) => x ?? 0;
    return {
      tickers: rs.length,
      medianSharpe: median(rs.map((r) => sharpe(r.strategy.sharpe))),
      medianBuyAndHoldSharpe: median(rs.map((r) => sharpe(r.buyAndHold.sharpe))),
      withinTenth: rs.filter((r) => sharpe(r.strategy.sharpe) >= sharpe(r.buyAndHold.sharpe) - 0.1).length,
      medianMaxDrawdown: median(rs.map((r) => r.strategy.maxDrawdown)),
      medianBuyAndHoldMaxDrawdown: median(rs.map((r) => r.buyAndHold.maxDrawdown)),
      medianReturn: median(rs.map((r) => r.strategy.totalReturn)),
      medianBuyAndHoldReturn: median(rs.map((r) => r.buyAndHold.totalReturn)),
      meanTrades: rs.reduce((s, r) => s + r.strategy.trades, 0) / rs.length,
      meanPosition: rs.reduce((s, r) => s + r.strategy.meanPosition, 0) / rs.length,
      medianMomentumSharpe: median(rs.map((r) => sharpe(r.baselines.momentum))),
      medianVolManagedSharpe: median(rs.map((r) => sharpe(r.baselines.volManaged.sharpe))),
      medianVolManagedMaxDrawdown: median(rs.map((r) => r.baselines.volManaged.maxDrawdown)),
    };
  });
  const mean = (f: (s: (typeof perSeed)[number]) => number) => perSeed.reduce((s, x) => s + f(x), 0) / perSeed.length;
  return {
    tickers: perSeed[0].tickers,
    seeds: seeds.length,
    medianSharpe: mean((s) => s.medianSharpe),
    medianBuyAndHoldSharpe: mean((s) => s.medianBuyAndHoldSharpe),
    withinTenth: mean((s) => s.withinTenth),
    medianMaxDrawdown: mean((s) => s.medianMaxDrawdown),
    medianBuyAndHoldMaxDrawdown: mean((s) => s.medianBuyAndHoldMaxDrawdown),
    medianReturn: mean((s) => s.medianReturn),
    medianBuyAndHoldReturn: mean((s) => s.medianBuyAndHoldReturn),
    meanTrades: mean((s) => s.meanTrades),
    meanPosition: mean((s) => s.meanPosition),
    medianMomentumSharpe: mean((s) => s.medianMomentumSharpe),
    medianVolManagedSharpe: mean((s) => s.medianVolManagedSharpe),
    medianVolManagedMaxDrawdown: mean((s) => s.medianVolManagedMaxDrawdown),
  };
}


const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** The split runs as a Markdown table. */
export function splitTable(summary: KindSummary[]): string {
  const lines = [
    '| market kind | runs | wins vs B&H | mean excess | median excess | mean return | trades | mean position | median cost drag | Sharpe | max leverage | flat | Bollinger | momentum | vol-managed | random |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const k of summary) {
    lines.push(
      `| ${k.kind} | ${k.runs} | ${k.winsVsBuyAndHold} | ${points(k.meanExcess)} | ${points(k.medianExcess)} | ${points(k.meanReturn)} | ${k.meanTrades.toFixed(1)} | ${k.meanPosition.toFixed(2)} | ${(k.medianCostDrag * 100).toFixed(2)}% | ` +
        `${k.meanSharpe === null ? 'n/a' : k.meanSharpe.toFixed(2)} | ${k.maxLeverage.toFixed(2)}x | ${points(k.baselines.flat)} | ${points(k.baselines.bollinger)} | ${points(k.baselines.momentum)} | ${points(k.baselines.volManaged)} | ${points(k.baselines.random)} |`,
    );
  }
  return lines.join('\n');
}

/** The walk-forward summary as a Markdown table (strategy against buy-and-hold and the momentum rule). */
export function walkForwardTable(s: WalkForwardSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    '| walk-forward (504/126) | tickers | median Sharpe | B&H median Sharpe | within 0.1 of B&H | median max drawdown | B&H median max drawdown | median return | B&H median return | trades | mean position | momentum median Sharpe | vol-managed median Sharpe | vol-managed median max drawdown |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| real tickers, ${s.seeds} seed${s.seeds === 1 ? '' : 's'} | ${s.tickers} | ${s.medianSharpe.toFixed(2)} | ${s.medianBuyAndHoldSharpe.toFixed(2)} | ${s.withinTenth.toFixed(1)} | ${pct(s.medianMaxDrawdown)} | ${pct(s.medianBuyAndHoldMaxDrawdown)} | ${points(s.medianReturn)} | ${points(s.medianBuyAndHoldReturn)} | ${s.meanTrades.toFixed(1)} | ${s.meanPosition.toFixed(2)} | ${s.medianMomentumSharpe.toFixed(2)} | ${s.medianVolManagedSharpe.toFixed(2)} | ${pct(s.medianVolManagedMaxDrawdown)} |`,
  ].join('\n');
}

/** Per ticker: the walk-forward Sharpe and drawdown next to buy-and-hold's (first seed). */
export function walkForwardTickerTable(runs: WalkForwardResult[]): string {
  const seed = runs[0]?.seed;
  const lines = ['| ticker | Sharpe | B&H Sharpe | vol-managed Sharpe | max drawdown | B&H max drawdown | return | B&H return | trades | mean position |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  const ratio = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
  for (const r of runs.filter((x) => x.seed === seed)) {
    lines.push(
      `| ${r.market} | ${ratio(r.strategy.sharpe)} | ${ratio(r.buyAndHold.sharpe)} | ${ratio(r.baselines.volManaged.sharpe)} | ${(r.strategy.maxDrawdown * 100).toFixed(1)}% | ${(r.buyAndHold.maxDrawdown * 100).toFixed(1)}% | ${points(r.strategy.totalReturn)} | ${points(r.buyAndHold.totalReturn)} | ${r.strategy.trades} | ${r.strategy.meanPosition.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}
