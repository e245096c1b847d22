/** `dyna walk-forward`: train and test window after window, in parallel, and report the stitched out-of-sample run. */
import type { Command } from 'commander';
import { InvalidOptionError } from '../../errors.js';
import { selectRows } from '../../data/date-range.js';
import { warmupOf } from '../../features/features.js';
import { walkForwardWindows } from '../../evaluation/windows.js';
import { longestFirst } from '../../evaluation/schedule.js';
import { stitchSimulations } from '../../evaluation/stitch.js';
import { assessSignificance, significanceText, unitsOf } from '../../evaluation/significance.js';
import { accountRulesOf } from '../../market/simulate.js';
import { sizingOf } from '../../market/sizing.js';
import { buildReport, positionSection, type WindowSummary } from '../../report/report.js';
import { renderWindowTable } from '../../report/window-text.js';
import { createRng } from '../../rng.js';
import { symbolFromPath } from '../../data/load-prices.js';
import { writeFilesAtomic } from '../files.js';
import { readPrices } from '../inputs.js';
import { defaultJobs, withJobRunner } from '../jobs.js';
import { prepareData } from '../../strategy/prepare.js';
import * as parse from '../option-parsers.js';
import { createJobProgress } from '../progress.js';
import { leverageWarnings, printReport, printWarnings, refuseToOverwriteReport, reportFiles, writtenLine } from '../report-output.js';
import { addLearningFlags, addMarketFlags, learningOverride, marketOverride, type LearningFlags, type MarketFlags } from '../settings-flags.js';
import type { CommandContext } from '../context.js';
import type { JobTask } from '../job-worker.js';
import type { PolicyKind } from '../../strategy/policy-diagnosis.js';

interface WalkForwardFlags extends LearningFlags, MarketFlags {
  train: number;
  test: number;
  step?: number;
  anchored?: boolean;
  start?: string;
  end?: string;
  symbol?: string;
  config?: string;
  jobs?: number;
  report?: string;
  json?: boolean;
  quiet?: boolean;
  significance?: number;
}

/** Registers `dyna walk-forward` on the program. */
export function registerWalkForward(program: Command, context: CommandContext): void {
  const command = program
    .command('walk-forward')
    .description('train on a window, test on the next days it never saw, move on; report the stitched out-of-sample run')
    .argument('<prices.csv>', 'daily prices')
    .requiredOption('--train <rows>', 'rows (trading days) each window trains on', parse.positiveInteger)
    .requiredOption('--test <rows>', 'rows each window is tested on', parse.positiveInteger)
    .option('--step <rows>', 'rows from one window to the next (default: --test, so test windows are contiguous)', parse.positiveInteger)
    .option('--anchored', 'keep the training start fixed: each window trains on everything before its test rows')
    .option('--start <date>', 'first usable day (earlier rows warm up the indicators)')
    .option('--end <date>', 'last day')
    .option('--symbol <name>', 'name of the series (default: the file name)')
    .option('--config <file>', 'JSON settings file overriding config/defaults.json');
  addLearningFlags(command);
  addMarketFlags(command, 'config/defaults.json');
  command
    .option('--jobs <n>', `windows trained at once, on worker threads (default: the number of cores, ${defaultJobs()})`, parse.positiveInteger)
    .option('--significance <n>', 'also test timing against n random timings with the same exposure, and the excess over buy-and-hold by n bootstrap samples', parse.positiveInteger)
    .option('--report <dir>', 'write report.json, equity.csv, trades.csv (stitched) and report.html')
    .option('--json', 'print one JSON document on stdout and nothing else')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (pricesPath: string, flags: WalkForwardFlags) => {
      const settings = context.settings(flags.config, { ...learningOverride(flags), ...marketOverride(flags) }, flags.preset);
      if (flags.symbol !== undefined && flags.symbol.trim() === '') throw new InvalidOptionError('--symbol must not be empty');
      if (flags.significance !== undefined && flags.significance > 100_000) throw new InvalidOptionError(`--significance must be at most 100000 (got ${flags.significance})`);
      const inputs = [pricesPath, ...(flags.config ? [flags.config] : [])];
      if (flags.report) refuseToOverwriteReport(flags.report, inputs);
      const quiet = flags.quiet === true || flags.json === true;
      const prices = await readPrices(pricesPath, flags.symbol);
      const { series } = prices;
      const rows = selectRows(series, { start: flags.start, end: flags.end }, pricesPath);
      const first = Math.max(rows.from, warmupOf(settings.trader.indicators));
      const windows = walkForwardWindows(first, rows.to, { train: flags.train, test: flags.test, step: flags.step, anchored: flags.anchored });
      const day = (row: number) => series.dates[row].slice(0, 10);
      const results = await withJobRunner(Math.min(flags.jobs ?? defaultJobs(), windows.length), async (runner) => {
        // Each window's data is prepared when a thread is about to need it, so memory holds a few windows, not all.
        const taskOf = (i: number): JobTask => {
          const w = windows[i];
          return {
            settings,
            train: prepareData(series, settings.trader.indicators, { start: day(w.trainFrom), end: day(w.trainTo - 1) }, pricesPath),
            test: prepareData(series, settings.trader.indicators, { start: day(w.testFrom), end: day(w.testTo - 1) }, pricesPath),
            simulations: true,
          };
        };
        printWarnings(context.terminal, prices.warnings, quiet);
        const progress = createJobProgress(context.terminal, windows.length, !quiet, 'walk-forward');
        // Anchored windows grow: the longest training start first, so the last and largest is not left alone at the end.
        const order = longestFirst(windows.map((w) => w.trainTo - w.trainFrom));
        const done = await runner.run(windows.length, taskOf, { onDone: (n) => progress.update(n), order });
        progress.stop();
        return done;
      });

      const sizing = sizingOf(settings.market);
      const rules = accountRulesOf(settings.market);
      const parts = results.map((r) => r.simulations as NonNullable<typeof r.simulations>);
      const strategy = stitchSimulations(parts.map((p) => p.strategy), rules.cash);
      const benchmark = stitchSimulations(parts.map((p) => p.benchmark), rules.cash);
      const summaries: WindowSummary[] = results.map((r, i) => ({ index: i, train: { start: r.train.start, end: r.train.end, days: r.train.days, epochs: r.train.epochs, converged: r.train.converged, policy: r.train.policy }, test: r.test, strategy: r.strategy, benchmark: r.benchmark }));
      const windowWarnings = [...new Set(results.flatMap((r) => r.warnings)), ...windowPolicyWarnings(results.map((r) => r.train.policy))];
      const risk = leverageWarnings(sizing, strategy, benchmark, settings.market.maintenance);
      const significance =
        flags.significance === undefined
          ? undefined
          : assessSignificance({
              segments: parts.map((p) => ({ dates: p.strategy.dates, prices: p.strategy.prices, units: unitsOf(p.strategy) })),
              strategy,
              benchmark,
              samples: flags.significance,
              sizing,
              rules,
              rng: createRng(`significance:${settings.trader.seed}`),
            });
      const chance = significance ? significanceText(significance) : undefined;
      const warnings = [...prices.warnings, ...windowWarnings, ...risk, ...(chance?.warnings ?? [])];
      printWarnings(context.terminal, [...windowWarnings, ...risk, ...(chance?.warnings ?? [])], quiet);
      const report = buildReport({
        command: 'walk-forward',
        symbol: flags.symbol ?? symbolFromPath(pricesPath),
        data: prices.source,
        costs: { commission: settings.market.commission, impact: settings.market.impact },
        position: positionSection(sizing, settings.market.cash, settings.market.maintenance),
        strategy,
        benchmark,
        model: '',
        warnings,
        windows: summaries,
        significance,
      });
      const files = flags.report ? reportFiles(flags.report, report, { document: report, strategy, benchmark }) : [];
      await writeFilesAtomic(files);
      const { terminal } = context;
      if (flags.json) {
        terminal.out(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      if (flags.quiet) return;
      terminal.out(`${renderWindowTable(summaries)}\nstitched out-of-sample run (${summaries.length} windows):\n`);
      printReport(terminal, report, strategy, benchmark);
      if (chance) terminal.out(`\n${chance.lines.join('\n')}\n`);
      if (files.length) terminal.out(`\n${writtenLine('report', files.map((f) => f.path))}`);
    });
}

/** One warning per kind of rule that is not a market rule, counting the windows that learned it. */
function windowPolicyWarnings(kinds: PolicyKind[]): string[] {
  const words: Partial<Record<PolicyKind, string>> = { 'never-trades': 'never trades', 'buy-and-hold': 'is buy-and-hold', 'keeps-start': 'keeps whatever position it holds', 'ignores-market': 'ignores the market state' };
  return Object.entries(words).flatMap(([kind, what]) => {
    const n = kinds.filter((k) => k === kind).length;
    return n === 0 ? [] : [`in ${n} of ${kinds.length} windows the learned policy ${what} (see windows[].train.policy in --json)`];
  });
}
