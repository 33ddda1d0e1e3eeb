/** What the backend is sent of the earlier conversation, and in which fields and roles. */
import { useTranslation } from 'react-i18next'
import { CheckField, Fieldset, SelectField, TextField } from '../fields'
import { TextFields, type SectionProps, type TextFieldSpec } from './section'

const roleFields: readonly TextFieldSpec[] = [
  ['roleField', 'contract.history.roleField', 'profile.roleField'],
  ['contentField', 'contract.history.contentField', 'profile.contentField'],
  ['userRole', 'contract.history.userRole', 'profile.userRole'],
  ['assistantRole', 'contract.history.assistantRole', 'profile.assistantRole'],
  ['systemRole', 'contract.history.systemRole', 'profile.systemRole']
]

export function HistorySection({ form, patch }: SectionProps) {
  const { t } = useTranslation()
  return (
    <Fieldset legend={t('profile.history')} className="grid-2">
      <SelectField
        path="contract.history.mode"
        label={t('profile.historyMode')}
        value={form.historyMode}
        options={[
          { value: 'none', label: t('profile.historyNone') },
          { value: 'lastN', label: t('profile.historyLastN') },
          { value: 'all', label: t('profile.historyAll') }
        ]}
        onChange={(v) => patch({ historyMode: v })}
      />
      <TextField
        path="contract.history.turns"
        label={t('profile.historyTurns')}
        type="number"
        value={form.historyTurns}
        onChange={(v) => patch({ historyTurns: v })}
      />
      <TextField
        path="contract.history.field"
        label={t('profile.historyField')}
        value={form.historyField}
        onChange={(v) => patch({ historyField: v })}
      />
      <CheckField
        label={t('profile.historyIncludeCurrent')}
        checked={form.historyIncludeCurrent}
        className="span-2"
        onChange={(v) => patch({ historyIncludeCurrent: v })}
      />
      <TextFields form={form} patch={patch} fields={roleFields} />
    </Fieldset>
  )
}
