/**
 * Entry point of a pool worker thread: runs the tasks of `tasks.ts` on
 * request and answers with the result (bytes transferred, not copied) or the
 * error's message. One job at a time per thread; the pool does the queueing.
 */
import { parentPort } from 'node:worker_threads'
import { TASKS, type TaskName } from './tasks.ts'

interface Request { id: number; name: TaskName; input: unknown }

parentPort!.on('message', async ({ id, name, input }: Request) => {
  try {
    const task = TASKS[name] as (input: unknown) => Promise<unknown>
    const result = (await task(input)) as { body?: unknown } | null
    let transfer: ArrayBuffer[] = []
    if (result && result.body instanceof Uint8Array) {
      // Transfer only a buffer the bytes own whole (Node pools small Buffers in a shared one).
      const own = result.body.byteOffset === 0 && result.body.byteLength === result.body.buffer.byteLength ? result.body : result.body.slice()
      result.body = own
      transfer = [own.buffer as ArrayBuffer]
    }
    parentPort!.postMessage({ id, ok: true, result }, transfer)
  } catch (err) {
    parentPort!.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err), name: err instanceof Error ? err.name : 'Error' })
  }
})
