/**
 * What a screen shows inside an organisation's proposal: the banner
 * « Projet de la CGT, à partir de la version 3 » (the proposal screen and
 * every fiche of it say where one is), « Lecture seule : projet de la CGT »
 * for members of other organisations (their role in the negotiation does
 * not apply to someone else's project), and — for the chair and the
 * proposing organisation — « Ramener dans le texte commun », confirmed
 * first, then the server's summary: amendments created per fiche, fiches
 * skipped and differences not carried, each with its reason.
 */
import { useState } from 'react'
import { bringBackProposal, ofOrganisation, proposalTitle, type BringBackSummary, type ProposalBranch } from '../../api/proposals.ts'
import type { Role } from '../../api/types.ts'
import { ConfirmButton } from '../../components/ConfirmButton.tsx'
import { ErrorMessage, Notice } from '../../components/feedback.tsx'
import { href } from '../../router.ts'

/** « lecture seule : projet de la CGT », or null for the organisation's own project. */
export function foreignProposalNotice(p: ProposalBranch, myOrganisationId: string): string | null {
  return p.organisation.id === myOrganisationId ? null : `Lecture seule : projet ${ofOrganisation(p.organisation.name)}`
}

export function ProposalBanner(props: { proposal: ProposalBranch; myOrganisationId: string; role: Role | undefined; bringBack?: boolean }) {
  const { proposal: p } = props
  const foreign = foreignProposalNotice(p, props.myOrganisationId)
  const canBringBack = props.bringBack && (props.role === 'chair' || (!foreign && props.role !== undefined && props.role !== 'viewer'))
  const [summary, setSummary] = useState<BringBackSummary | null>(null)
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setError(undefined)
    setBusy(true)
    try {
      setSummary(await bringBackProposal(p.id))
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }
  const of = ofOrganisation(p.organisation.name)
  return (
    <div className="proposal-banner" data-testid="proposal-banner">
      <Notice tone="info">
        <strong data-testid="proposal-title">{proposalTitle(p)}</strong> — « {p.label} »
        {foreign && (
          <>
            <br />
            <span data-testid="proposal-read-only">{foreign}</span> : seule l’organisation qui l’a rédigé le modifie ; vous
            pouvez le lire, le comparer et en discuter.
          </>
        )}
      </Notice>
      {canBringBack && (
        <ConfirmButton
          className="button"
          disabled={busy}
          message={
            <>
              Ramener le projet {of} dans le texte commun ? Chaque différence avec la version {p.baseVersionNumber ?? 'de départ'} — ou, pour une fiche
              déjà ramenée, avec ce qui l’a été la dernière fois — devient un amendement {of} sur le texte commun, que la table accepte ou rejette ensuite. Le texte commun ne change pas tant
              qu’aucun amendement n’est accepté ; les fiches verrouillées ne sont pas touchées.
            </>
          }
          onConfirm={run}
        >
          Ramener dans le texte commun
        </ConfirmButton>
      )}
      <ErrorMessage error={error} />
      {summary && <BringBackResult summary={summary} />}
    </div>
  )
}

function BringBackResult({ summary }: { summary: BringBackSummary }) {
  const n = summary.amendmentsCreated
  const fiches = summary.touched.length
  return (
    <section className="card bring-back-summary" aria-label="Résultat" data-testid="bring-back-summary">
      <p role="status">
        <strong>
          {n === 0 ? 'Aucun amendement créé' : `${n} amendement${n > 1 ? 's' : ''} créé${n > 1 ? 's' : ''}`}
        </strong>
        {fiches > 0 && ` sur ${fiches} fiche${fiches > 1 ? 's' : ''} du texte commun`}, au nom de {summary.proposal.organisation.name}.
        {n > 0 && ' La table les accepte ou les rejette dans la liste « Amendements » de chaque fiche.'}
      </p>
      {summary.touched.length > 0 && (
        <ul className="plain-list">
          {summary.touched.map((t) => (
            <li key={t.key}>
              <a href={href({ name: 'fiche', id: t.ficheId })}>{t.intitule || 'Sans intitulé'}</a> — {t.amendments.length} amendement
              {t.amendments.length > 1 ? 's' : ''}
              {t.unresolved.map((u, i) => <div key={i} className="muted">{u.message}</div>)}
            </li>
          ))}
        </ul>
      )}
      {summary.unresolved.length > 0 && (
        <>
          <h3>Différences non reprises</h3>
          <ul className="plain-list">
            {summary.unresolved.map((u) => (
              <li key={u.key}>
                <a href={href({ name: 'fiche', id: u.ficheId })}>{u.intitule || 'Sans intitulé'}</a>
                {u.differences.map((d, i) => <div key={i} className="muted">{d.message}</div>)}
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.skipped.length > 0 && (
        <>
          <h3>Fiches non reprises</h3>
          <ul className="plain-list" data-testid="bring-back-skipped">
            {summary.skipped.map((s) => (
              <li key={s.key}>
                <strong>{s.intitule || 'Sans intitulé'}</strong> — {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
