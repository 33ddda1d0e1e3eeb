/**
 * The connection check ("doctor"): every step of one profile's connection, in order, each with
 * its result (icon and word, not colour alone), its time, the facts worth knowing (addresses, host
 * key fingerprint, HTTP status…) and, for the step that failed, the reason in the user's language.
 * Each step shows up as it finishes, while the check runs; Stop ends it there (the step running
 * fails as stopped). Opened from Settings, the connection indicator and every connection error
 * (doctorSlice).
 */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { failedStep, type DoctorReport, type DoctorStep } from '@shared/doctor'
import { Dialog } from '../../components/Dialog'
import { ErrorAdvice, type AdviceHandlers } from '../../components/ErrorAdvice'
import { Icon, type IconName } from '../../components/Icon'
import { errorText, i18n } from '../../i18n'
import { useAppStore } from '../../store'
import { selectCheckedProfileId } from '../../store/selectors'
import { CopyDiagnosticsButton, useCopyDiagnostics } from './CopyDiagnostics'
import { TrustCertificate } from './TrustCertificate'

export function DoctorDialog() {
  const open = useAppStore((s) => s.doctor.open)
  return open ? <DoctorDialogBody /> : null
}

function DoctorDialogBody() {
  const { t } = useTranslation()
  const running = useAppStore((s) => s.doctor.running)
  const liveSteps = useAppStore((s) => s.doctor.steps)
  const report = useAppStore((s) => s.doctor.report)
  const error = useAppStore((s) => s.doctor.error)
  const checkedId = useAppStore(selectCheckedProfileId)
  const profileName = useAppStore(
    (s) => s.profiles.find((p) => p.id === selectCheckedProfileId(s))?.name ?? null
  )
  const copy = useCopyDiagnostics()
  const summaryId = useId()
  const close = () => useAppStore.getState().closeDoctor()
  const name = report?.profileName ?? profileName

  return (
    <Dialog
      title={t('doctor.title')}
      wide
      onCancel={close}
      describedBy={summaryId}
      actions={
        <>
          <CopyDiagnosticsButton copy={copy} />
          {running && (
            <button
              type="button"
              className="btn"
              onClick={() => void useAppStore.getState().stopDoctor()}
            >
              {t('doctor.stop')}
            </button>
          )}
          <button
            type="button"
            className="btn"
            disabled={running}
            onClick={() => void useAppStore.getState().runDoctor()}
          >
            {t('doctor.runAgain')}
          </button>
          <button type="button" className="btn btn-primary" onClick={close} data-autofocus>
            {t('common.close')}
          </button>
        </>
      }
    >
      {name && <p className="muted doctor-profile">{t('doctor.profile', { name })}</p>}
      <p id={summaryId} className="doctor-summary" role="status">
        {running ? (
          <>
            <span className="spinner" aria-hidden="true" />
            {t('doctor.running')}
          </>
        ) : (
          report && <Summary report={report} />
        )}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {errorText(error)}
          <ErrorAdvice error={error} profileId={checkedId} on={inDoctor} />
        </p>
      )}
      {copy.error && (
        <p className="field-error" role="alert">
          {errorText(copy.error)}
          <ErrorAdvice error={copy.error} profileId={checkedId} on={inDoctor} />
        </p>
      )}
      {report ? (
        <StepList steps={report.steps} advice={inDoctor} />
      ) : (
        running && liveSteps.length > 0 && <StepList steps={liveSteps} advice={inDoctor} />
      )}
    </Dialog>
  )
}

/**
 * Steps in order: a whole report's, or a running check's so far (the profile form's too). Under
 * "Details" when the first-start check fails, the form shows the failed step's advice itself: no
 * `advice` there.
 */
export function StepList({
  steps,
  advice
}: {
  steps: DoctorStep[]
  /** Show a failed step's advice, with these handlers. */
  advice?: AdviceHandlers | undefined
}) {
  const { t } = useTranslation()
  return (
    <ol className="doctor-steps" aria-label={t('doctor.steps')}>
      {steps.map((step, i) => (
        // The SSH steps appear twice with a jump host: the index is the identity.
        <StepItem key={i} step={step} hop={hopOf(steps, i)} advice={advice} />
      ))}
    </ol>
  )
}

/** The translated name of a report's step (with its hop when there is a jump host). */
export function reportStepName(report: DoctorReport, step: DoctorStep): string {
  return stepName(step, hopOf(report.steps, report.steps.indexOf(step)))
}

function Summary({ report }: { report: DoctorReport }) {
  const { t } = useTranslation()
  if (report.ok) return <>{t('doctor.passed', { ms: String(Math.round(report.ms)) })}</>
  const failed = failedStep(report)
  return failed ? (
    <>
      {t('doctor.failedAt', {
        step: stepName(failed, hopOf(report.steps, report.steps.indexOf(failed)))
      })}
    </>
  ) : null
}

const statusIcon: Record<DoctorStep['status'], IconName> = {
  ok: 'check',
  failed: 'close',
  skipped: 'skip'
}

/** In the check itself, "Run again" is the check and the retry. */
const inDoctor: AdviceHandlers = { checkConnection: false, retry: false }

function StepItem({
  step,
  hop,
  advice
}: {
  step: DoctorStep
  hop: Hop | undefined
  advice: AdviceHandlers | undefined
}) {
  const { t } = useTranslation()
  const checkedId = useAppStore(selectCheckedProfileId)
  const note = step.detail?.note
  const facts = Object.entries(step.detail ?? {}).filter(
    ([key, value]) => key !== 'note' && !(key === 'hop' && knownHop(value))
  )
  return (
    <li className={`doctor-step doctor-${step.status}`}>
      <div className="doctor-step-head">
        <span className="doctor-icon">
          <Icon name={statusIcon[step.status]} />
        </span>
        <span className="doctor-step-name">{stepName(step, hop)}</span>
        <span className="doctor-status">{t(`doctor.status.${step.status}`)}</span>
        {step.status !== 'skipped' && (
          <span className="doctor-ms">{t('doctor.ms', { ms: String(Math.round(step.ms)) })}</span>
        )}
      </div>
      {step.error && (
        <p className="doctor-error">
          {errorText(step.error)}
          {advice && <ErrorAdvice error={step.error} profileId={checkedId} on={advice} />}
        </p>
      )}
      {step.error && <TrustCertificate error={step.error} />}
      {note !== undefined && <p className="doctor-note">{noteText(String(note))}</p>}
      {facts.length > 0 && (
        <dl className="facts doctor-facts">
          {facts.map(([key, value]) => (
            <Fact key={key} name={key} value={value} />
          ))}
        </dl>
      )}
    </li>
  )
}

const authMethodKeys = {
  key: 'profile.authKey',
  agent: 'profile.authAgent',
  password: 'profile.authPassword'
} as const

function Fact({ name, value }: { name: string; value: string | number }) {
  const { t } = useTranslation()
  const method =
    name === 'method' ? authMethodKeys[value as keyof typeof authMethodKeys] : undefined
  const text = method ? t(method) : String(value)
  return (
    <>
      <dt>{detailLabel(name)}</dt>
      <dd>{name === 'fingerprint' ? <code className="fingerprint">{text}</code> : text}</dd>
    </>
  )
}

type Hop = 'jump' | 'ssh'
const knownHop = (value: unknown): value is Hop => value === 'jump' || value === 'ssh'

/**
 * Which SSH hop a step belongs to: its `hop` detail, or, for a skipped step (no detail), its
 * place: with a jump host the SSH steps run twice, the jump host's first.
 */
function hopOf(steps: DoctorStep[], index: number): Hop | undefined {
  const step = steps[index]
  if (!step) return undefined
  if (knownHop(step.detail?.hop)) return step.detail.hop
  const same = steps.flatMap((s, i) => (s.id === step.id ? [i] : []))
  if (same.length !== 2) return undefined
  return same[0] === index ? 'jump' : 'ssh'
}

/** The step's translated name; with a jump host the SSH steps say which hop they are. */
function stepName(step: DoctorStep, hop: Hop | undefined): string {
  const key = `doctor.step.${step.id}`
  const name = i18n.exists(key) ? i18n.t(key as 'doctor.step.tcp') : step.id
  return hop ? i18n.t('doctor.stepWithHop', { step: name, hop: i18n.t(`doctor.hop.${hop}`) }) : name
}

/** A detail key's label; a key this version does not know yet is shown as it is. */
function detailLabel(key: string): string {
  const id = `doctor.detail.${key}`
  return i18n.exists(id) ? i18n.t(id as 'doctor.detail.host') : key
}

function noteText(note: string): string {
  const id = `doctor.note.${note}`
  return i18n.exists(id) ? i18n.t(id as 'doctor.note.no_health_route') : note
}
