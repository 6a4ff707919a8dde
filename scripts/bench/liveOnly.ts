// npm run bench -- live measures every size; this measures the sizes named on the command line (e.g. synthetic-200k).
import { runLiveBench } from './liveBench';
import { renderSection } from './section';

runLiveBench(process.argv.slice(2)).then(
  (section) => process.stdout.write(`${renderSection(section)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
);
