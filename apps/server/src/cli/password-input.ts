/**
 * Reads a password for `user add`: from piped stdin (first line), or by
 * prompting twice on a terminal without echo.
 */
import { createInterface } from 'node:readline'

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')
  return text
}

function promptHidden(question: string, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output, terminal: true })
    const rlAny = rl as unknown as { _writeToOutput: (s: string) => void }
    output.write(question)
    rlAny._writeToOutput = () => {}
    rl.question('', (answer) => { rl.close(); output.write('\n'); resolve(answer) })
  })
}

export async function readPassword(stderr: NodeJS.WritableStream): Promise<string> {
  if (!process.stdin.isTTY) {
    const text = await readAll(process.stdin)
    return (text.split(/\r?\n/)[0] ?? '')
  }
  const first = await promptHidden('Mot de passe : ', stderr)
  const second = await promptHidden('Confirmez le mot de passe : ', stderr)
  if (first !== second) throw new Error('Les deux mots de passe ne correspondent pas.')
  return first
}
