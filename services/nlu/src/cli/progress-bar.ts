/**
 * A one-line training progress bar on stderr. On a terminal it redraws in place; elsewhere (logs, CI) it prints
 * at most one line per scope and tenth of the epochs, so logs stay short.
 */
import type { TrainProgressEvent } from '@parley/domain';
import type { CliIo } from './cli-io';

const WIDTH = 30;

export class ProgressBar {
  private lastLogged = '';
  private drawn = false;

  constructor(private readonly stderr: CliIo['stderr']) {}

  update(progress: TrainProgressEvent): void {
    const ratio = progress.epochs > 0 ? Math.min(1, progress.epoch / progress.epochs) : 0;
    const filled = Math.round(ratio * WIDTH);
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] scope ${progress.scope} ` +
      `epoch ${progress.epoch}/${progress.epochs} loss ${progress.loss.toFixed(4)} accuracy ${progress.accuracy.toFixed(3)}`;
    if (this.stderr.isTTY) {
      this.stderr.write(`\r\x1b[2K${line}`);
      this.drawn = true;
      return;
    }
    const step = `${progress.scope}:${Math.floor(ratio * 10)}`;
    if (step !== this.lastLogged) this.stderr.write(`${line}\n`);
    this.lastLogged = step;
  }

  /** Ends the redrawn line so that what follows starts on a fresh one. */
  finish(): void {
    if (this.drawn) this.stderr.write('\n');
    this.drawn = false;
  }
}
