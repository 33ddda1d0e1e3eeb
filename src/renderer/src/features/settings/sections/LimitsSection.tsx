/** How long to wait for the server, and how large a reply (and one event of it) may be. */
import { useTranslation } from 'react-i18next'
import { Fieldset } from '../fields'
import { TextFields, type SectionProps, type TextFieldSpec } from './section'

const fields: readonly TextFieldSpec[] = [
  ['connectSec', 'timeouts.connectSec', 'profile.connectTimeout'],
  ['idleSec', 'timeouts.idleSec', 'profile.idleTimeout'],
  ['replyKiB', 'limits.replyKiB', 'profile.replyKiB'],
  ['eventKiB', 'limits.eventKiB', 'profile.eventKiB']
]

export function LimitsSection(props: SectionProps) {
  const { t } = useTranslation()
  return (
    <Fieldset legend={t('profile.timeouts')} className="grid-2">
      <TextFields {...props} fields={fields} type="number" />
    </Fieldset>
  )
}
