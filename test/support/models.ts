/** Models trained once per test process on the bundled sample data, through the train workflow. */
import { writeFileSync } from 'node:fs';
import { train } from '../../src/index.js';
import { SAMPLE } from './paths.js';
import { tempPath } from './temp.js';

const trained = new Map<string, Promise<string>>();

/** The path of a model trained on data/sample.csv up to 2014-12-31 with `epochs` epochs (and seed 1). */
export function sampleModel(epochs = 5): Promise<string> {
  const key = String(epochs);
  if (!trained.has(key)) {
    trained.set(
      key,
      train({ prices: SAMPLE, end: '2014-12-31', epochs }).then((result) => {
        const path = tempPath(`sample-${epochs}.model.json`);
        writeFileSync(path, result.modelFile);
        return path;
      }),
    );
  }
  return trained.get(key) as Promise<string>;
}
