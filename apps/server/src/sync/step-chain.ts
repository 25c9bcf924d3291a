/**
 * The per-document chain of steps that move the committed state: flushes,
 * catch-ups with other instances, compactions. They run one after the
 * other, so the last row applied is always known exactly; a failed step is
 * reported and does not stop the ones queued after it.
 */
export class StepChain {
  private tail: Promise<void> = Promise.resolve()

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `step` after every step queued before it; the promise rejects if `step` does. */
  enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.tail.then(step)
    this.tail = run.catch((error) => this.onError(error))
    return run
  }

  /** Settles once every step queued so far has run. */
  get settled(): Promise<void> {
    return this.tail
  }
}
