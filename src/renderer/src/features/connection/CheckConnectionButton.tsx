import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'

/**
 * "Check connection": opens the connection check (DoctorDialog) and runs it. Without a profile id
 * it checks the selected profile; with one (the profile list) its name goes into the accessible
 * name, so that each row's button says which profile it checks.
 */
export function CheckConnectionButton({
  profileId,
  profileName,
  className = 'btn btn-small',
  disabled
}: {
  profileId?: string
  profileName?: string
  className?: string
  disabled?: boolean
}) {
  const { t } = useTranslation()
  return (
    <button
      type="button"
      className={className}
      disabled={disabled}
      aria-label={profileName ? t('connection.checkProfile', { name: profileName }) : undefined}
      onClick={() => useAppStore.getState().openDoctor(profileId)}
    >
      {t('connection.check')}
    </button>
  )
}
