/** A signal and a continued training run, as terminal text. */
import type { Signal } from '../../strategy/signal.js';
import type { TrainingPeriod } from '../../strategy/model-file.js';
import { money, percent, printable } from './format.js';
import type { Paint } from './terminal.js';

/** The signal: the position after the close, the trade, the state it comes from and what the model thinks of it. */
export function renderSignal(signal: Signal & { symbol: string }, paint: Paint): string {
  const lines = [paint.bold(`${printable(signal.symbol)}  ${signal.date}  close ${signal.close}`)];
  const was = signal.changed ? `changed from ${signal.previousPosition}` : `unchanged, as after the previous close`;
  lines.push(`position after the close: ${paint.bold(signal.position)} (${was})`);
  const t = signal.trade;
  lines.push(t ? `trade at the close: ${t.order} ${t.shares.toLocaleString('en-US')} shares, ${money(t.value)} (costs ${money(t.costs)})` : 'trade at the close: none');
  const scale = signal.volatilityScale === null ? '' : `, volatility scale ${signal.volatilityScale.toFixed(2)}`;
  lines.push(`holding ${signal.shares.toLocaleString('en-US')} shares: ${+signal.exposure.toFixed(4)} of a full position${scale}; equity ${money(signal.equity)}`);
  const from = signal.basis.kind === 'holding' ? signal.basis.holding : signal.previousPosition;
  const q = Object.entries(signal.q).map(([name, value]) => `${name} ${value.toFixed(4)}`).join(', ');
  lines.push(`policy: ${signal.policyPosition}; Q values from ${from}: ${q}`);
  const { state } = signal;
  lines.push(`market state ${state.market}, ${state.trainingDays === 0 ? 'never seen in training' : `seen on ${state.trainingDays.toLocaleString('en-US')} training days`}:`);
  const width = Math.max(...state.indicators.map((r) => r.indicator.length));
  for (const r of state.indicators) {
    const cut = (x: number) => +x.toPrecision(4);
    const range = r.from === null ? (r.to === null ? 'any value' : `below ${cut(r.to)}`) : r.to === null ? `${cut(r.from)} and above` : `${cut(r.from)} to ${cut(r.to)}`;
    lines.push(`  ${r.indicator.padEnd(width)}  ${r.value.toPrecision(5).padStart(11)}  bucket ${r.bucket + 1} (${range})`);
  }
  const e = state.evidence;
  if (e) {
    const bp = (x: number) => `${x >= 0 ? '+' : ''}${(x * 10_000).toFixed(1)} bp`;
    lines.push(`  the market model expects ${bp(e.expectedMove)} tomorrow: the drift ${bp(e.expectedMove - e.deviation)} and this state's own ${bp(e.deviation)} (weight ${e.shrinkage.toFixed(2)} on its days)`);
  }
  const b = signal.basis;
  lines.push(b.kind === 'replay' ? `replayed from ${b.start} (${b.days} days, ${b.trades} trades, ${percent(b.totalReturn)})` : `from the position you hold: ${b.holding}, sized at the cash given`);
  return `${lines.join('\n')}\n`;
}

/** One line on a continued model: what it continued and the periods it has learned from. */
export function continuedLine(continued: { model: string; refit: boolean; periods: TrainingPeriod[] }): string {
  const { periods } = continued;
  const span = periods.length === 1 ? `${periods[0].start} to ${periods[0].end}` : `${periods.length} periods, ${periods[0].start} to ${periods[periods.length - 1].end}`;
  return `continued ${printable(continued.model)}${continued.refit ? ' with refitted buckets (the learned tables started empty)' : ''}: the model has learned from ${span}`;
}
