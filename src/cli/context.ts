/** What every command gets from the shell: the terminal and the settings. */
import { loadDefaultSettings, loadPreset, loadSettingsFile, mergeSettings, type Settings, type SettingsOverride } from '../settings/index.js';
import type { Terminal } from './terminal.js';

export interface CommandContext {
  terminal: Terminal;
  /** Defaults, then the --preset (if any), then the --config file (if any), then flags: later wins. */
  settings(configFile: string | undefined, flags: SettingsOverride, preset?: string): Settings;
  /** A saved model's settings, then flags: later wins (a model's sizing and costs can be overridden). */
  settingsOver(saved: Omit<Settings, 'synth'>, flags: SettingsOverride): Settings;
  /** Sets the process exit code for a run that worked but should signal something (e.g. a CI gate). */
  setExitCode(code: number): void;
}

/** The context of one CLI run. */
export function createContext(terminal: Terminal, onExitCode: (code: number) => void): CommandContext {
  return {
    terminal,
    settings(configFile, flags, preset) {
      const overrides: Parameters<typeof mergeSettings>[1] = [];
      if (preset !== undefined) overrides.push({ source: `config/presets/${preset}.json`, override: loadPreset(preset) });
      if (configFile !== undefined) overrides.push({ source: configFile, override: loadSettingsFile(configFile) });
      overrides.push({ source: 'command line', override: flags, names: 'flags' });
      return mergeSettings(loadDefaultSettings(), overrides);
    },
    settingsOver(saved, flags) {
      return mergeSettings({ ...loadDefaultSettings(), ...structuredClone(saved) }, [{ source: 'command line', override: flags, names: 'flags' }]);
    },
    setExitCode: onExitCode,
  };
}
