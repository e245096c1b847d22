/** Opening a saved model to replay it (backtest, signal): the model, its levels, its settings under the run's market options, and the sizing and account rules they give. */
import { accountRulesOf, type AccountRules } from '../market/simulate.js';
import { positionLevels, type PositionLevels } from '../market/positions.js';
import { sizingOf, type Sizing } from '../market/sizing.js';
import type { Settings, SettingsOverride } from '../settings/settings.js';
import { readModel } from '../strategy/load-model.js';
import type { LoadedModel } from '../strategy/model-file.js';
import { settingsOver } from './options.js';

/** A saved model ready to replay. */
export interface ModelReplay {
  model: LoadedModel;
  /** The levels the model was trained with (a replay cannot change them). */
  levels: PositionLevels;
  /** The model's settings with the run's market options over them. */
  settings: Settings;
  sizing: Sizing;
  rules: AccountRules;
}

/** Reads the model file and resolves what replaying it under `override` (the run's market options) needs. */
export async function openModel(path: string, override: SettingsOverride): Promise<ModelReplay> {
  const model = await readModel(path);
  const settings = settingsOver(model.file.settings, override);
  return { model, levels: positionLevels(model.file.settings.trader.levels), settings, sizing: sizingOf(settings.market), rules: accountRulesOf(settings.market) };
}
