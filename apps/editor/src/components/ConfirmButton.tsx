/**
 * A button whose action must be confirmed: the first click opens a small
 * dialog saying what will happen (signing, validating, publishing,
 * restoring cannot be undone lightly); only « Confirmer » runs it.
 */
import { useState, type ReactNode } from 'react'

export function ConfirmButton(props: {
  children: ReactNode
  /** What will happen, in one or two French sentences. */
  message: ReactNode
  onConfirm(): void | Promise<void>
  className?: string
  disabled?: boolean
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className={props.className ?? 'button button--small'} disabled={props.disabled} onClick={() => setOpen(true)}>
        {props.children}
      </button>
      {open && (
        <div className="confirm" role="dialog" aria-modal="true" aria-label="Confirmation">
          <p>{props.message}</p>
          <div className="row-actions">
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => {
                setOpen(false)
                void props.onConfirm()
              }}
            >
              Confirmer
            </button>
            <button type="button" className="button button--small button--ghost" onClick={() => setOpen(false)}>
              Annuler
            </button>
          </div>
        </div>
      )}
    </>
  )
}
