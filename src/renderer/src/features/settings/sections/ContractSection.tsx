/**
 * How the backend is called and answers: a preset to start from, the method, path and fields,
 * the reply format, the health route, the model, the backend's authentication (the API key is
 * kept apart from the profile), the system prompt and what attachments the model takes.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError, IpcResult } from '@shared/errors'
import { presetIds, presets, type PresetId } from '@shared/presets'
import type { AdviceHandlers } from '../../../components/ErrorAdvice'
import { useAppStore } from '../../../store'
import {
  CheckField,
  FieldRow,
  Fieldset,
  SecretField,
  SelectField,
  TextAreaField,
  TextField
} from '../fields'
import { ModelField } from '../ModelField'
import { applyContractPreset } from '../profileDraft'
import type { SectionProps } from './section'

const presetLabels = {
  kha_get: 'profile.presetKhaGet',
  kha_stream: 'profile.presetKhaStream',
  openai: 'profile.presetOpenai'
} as const satisfies Record<PresetId, string>

export function ContractSection({
  form,
  patch,
  apiKey,
  onApiKey,
  loadModels,
  advice
}: SectionProps & {
  /** The key typed (not yet saved). */
  apiKey: string
  onApiKey: (value: string) => void
  /** The models of the profile as the form shows it. */
  loadModels: () => Promise<IpcResult<string[]>>
  /** What an error's advice buttons do inside the form. */
  advice: (error: AppError) => AdviceHandlers
}) {
  const { t } = useTranslation()
  const [preset, setPreset] = useState<PresetId | ''>('')
  const hasStoredKey = useAppStore((s) =>
    form.id ? s.profilesWithApiKey.includes(form.id) : false
  )
  return (
    <Fieldset legend={t('profile.contract')} className="grid-2">
      <FieldRow id="profile-preset" label={t('profile.preset')} className="span-2 preset-row">
        {(control) => (
          <div className="inline">
            <select
              id={control.id}
              value={preset}
              onChange={(e) => setPreset(e.target.value as PresetId | '')}
            >
              <option value="">{t('profile.presetChoose')}</option>
              {presetIds.map((id) => (
                <option key={id} value={id}>
                  {t(presetLabels[id])}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn-small"
              disabled={!preset}
              onClick={() => preset && patch(applyContractPreset(form, presets[preset]))}
            >
              {t('profile.applyPreset')}
            </button>
          </div>
        )}
      </FieldRow>
      <SelectField
        path="contract.method"
        label={t('profile.method')}
        value={form.method}
        options={[
          { value: 'GET', label: 'GET' },
          { value: 'POST', label: 'POST' }
        ]}
        onChange={(v) => patch({ method: v })}
      />
      <TextField
        path="contract.path"
        label={t('profile.path')}
        value={form.path}
        onChange={(v) => patch({ path: v })}
      />
      <TextField
        path="contract.messageField"
        label={t('profile.messageField')}
        value={form.messageField}
        onChange={(v) => patch({ messageField: v })}
      />
      <SelectField
        path="contract.replyFormat"
        label={t('profile.replyFormat')}
        value={form.replyFormat}
        options={[
          { value: 'json', label: t('profile.formatJson') },
          { value: 'text', label: t('profile.formatText') },
          { value: 'sse', label: t('profile.formatSse') },
          { value: 'ndjson', label: t('profile.formatNdjson') }
        ]}
        onChange={(v) => patch({ replyFormat: v })}
      />
      <TextField
        path="contract.replyField"
        label={t('profile.replyField')}
        value={form.replyField}
        onChange={(v) => patch({ replyField: v })}
      />
      <TextField
        path="contract.healthPath"
        label={t('profile.healthPath')}
        value={form.healthPath}
        onChange={(v) => patch({ healthPath: v })}
      />
      <ModelField
        value={form.model}
        onChange={(v) => patch({ model: v })}
        load={loadModels}
        hint={t('profile.modelsHint')}
        advice={advice}
      />
      <SelectField
        path="contract.auth"
        label={t('profile.backendAuth')}
        value={form.auth}
        options={[
          { value: 'none', label: t('profile.backendAuthNone') },
          { value: 'bearer', label: t('profile.backendAuthBearer') }
        ]}
        onChange={(v) => patch({ auth: v })}
      />
      {form.auth === 'bearer' && (
        <SecretField
          id="profile-api-key"
          label={t('profile.apiKey')}
          value={apiKey}
          onChange={onApiKey}
          hint={t('profile.apiKeyHint')}
          className="span-2"
          {...(hasStoredKey && form.id
            ? {
                storedHint: t('profile.apiKeyStored'),
                forgetLabel: t('profile.forgetApiKey'),
                onForget: () => void useAppStore.getState().setApiKey(form.id!, '')
              }
            : {})}
        />
      )}
      <TextAreaField
        path="contract.systemPrompt"
        label={t('profile.systemPrompt')}
        value={form.systemPrompt}
        className="span-2"
        inputClassName="system-prompt"
        rows={3}
        onChange={(v) => patch({ systemPrompt: v })}
      />
      <TextField
        path="contract.attachmentLimit"
        label={t('profile.attachmentLimit')}
        type="number"
        inputMode="numeric"
        hint={t('profile.attachmentLimitHint')}
        value={form.attachmentLimit}
        onChange={(v) => patch({ attachmentLimit: v })}
      />
      <CheckField
        label={t('profile.images')}
        checked={form.images}
        onChange={(v) => patch({ images: v })}
      />
    </Fieldset>
  )
}
