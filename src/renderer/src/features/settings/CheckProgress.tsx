/**
 * The profile form's check while it runs: each step as it finishes (the connection check's own
 * list, from `doctor:step` through the store's `draftCheck`), so a slow or silent server shows
 * where the check is instead of nothing until the connect timeout; Stop ends it there (the
 * running step fails as stopped, and the form shows that report as any failed check).
 */
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'
import { StepList } from '../connection/DoctorDialog'

export function CheckProgress() {
  const { t } = useTranslation()
  const steps = useAppStore((s) => s.draftCheck.steps)
  return (
    <section className="check-progress" aria-label={t('setup.checkProgress')}>
      <p className="check-progress-title" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('setup.checking')}
      </p>
      {steps.length > 0 && <StepList steps={steps} />}
      <div className="inline">
        <button
          type="button"
          className="btn"
          onClick={() => void useAppStore.getState().stopDraftCheck()}
        >
          {t('doctor.stop')}
        </button>
      </div>
    </section>
  )
}
