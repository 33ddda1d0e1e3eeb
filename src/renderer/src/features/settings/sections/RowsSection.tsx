/**
 * Extra request headers and parameters, as rows of name and value. A credential header's value is
 * kept in main's secret store for this backend and never shown: its field is typed hidden, with
 * what is stored as its placeholder, and an empty field keeps it.
 */
import { useTranslation } from 'react-i18next'
import { isSecretHeaderName } from '@shared/credentials'
import { useAppStore } from '../../../store'
import { Fieldset, TextField } from '../fields'
import type { ParamRow } from '../profileDraft'
import type { SectionProps } from './section'

type List = 'headers' | 'extraParams'

export function RowsSection({
  form,
  patch,
  onRowRemoved
}: SectionProps & {
  /** A row went: errors by row index would now point at the wrong row. */
  onRowRemoved: (list: List) => void
}) {
  const { t } = useTranslation()
  const storedHeaders = useAppStore((s) => (form.id ? s.profilesHeaderSecrets[form.id] : undefined))
  const setRow = (list: List, index: number, key: keyof ParamRow, value: string | boolean) =>
    patch({ [list]: form[list].map((r, i) => (i === index ? { ...r, [key]: value } : r)) })
  const addRow = (list: List) =>
    patch({
      [list]: [
        ...form[list],
        list === 'headers' ? { name: '', value: '' } : { name: '', value: '', json: false }
      ]
    })
  const removeRow = (list: List, index: number) => {
    patch({ [list]: form[list].filter((_, i) => i !== index) })
    onRowRemoved(list)
  }
  return (
    <>
      <RowsEditor
        list="headers"
        legend={t('profile.headers')}
        rows={form.headers}
        nameLabel={(n) => t('profile.headerName', { n: String(n) })}
        valueLabel={(n) => t('profile.headerValue', { n: String(n) })}
        removeLabel={(n) => t('profile.removeHeader', { n: String(n) })}
        addLabel={t('profile.addHeader')}
        // Missing means it was given for another address.
        secretValue={(row) =>
          isSecretHeaderName(row.name)
            ? {
                placeholder: storedHeaders?.includes(row.name)
                  ? t('profile.headerSecretStored')
                  : t('profile.headerSecretMissing')
              }
            : undefined
        }
        onChange={(i, key, v) => setRow('headers', i, key, v)}
        onAdd={() => addRow('headers')}
        onRemove={(i) => removeRow('headers', i)}
      />
      <RowsEditor
        list="extraParams"
        legend={t('profile.params')}
        rows={form.extraParams}
        nameLabel={(n) => t('profile.paramName', { n: String(n) })}
        valueLabel={(n) => t('profile.paramValue', { n: String(n) })}
        removeLabel={(n) => t('profile.removeParam', { n: String(n) })}
        addLabel={t('profile.addParam')}
        jsonLabel={(n) => t('profile.paramJson', { n: String(n) })}
        onChange={(i, key, v) => setRow('extraParams', i, key, v)}
        onAdd={() => addRow('extraParams')}
        onRemove={(i) => removeRow('extraParams', i)}
      />
    </>
  )
}

function RowsEditor(props: {
  list: List
  legend: string
  rows: Array<{ name: string; value: string; json?: boolean }>
  nameLabel: (n: number) => string
  valueLabel: (n: number) => string
  removeLabel: (n: number) => string
  /** Only for extra parameters: send the value as a JSON literal. */
  jsonLabel?: (n: number) => string
  /** Only for headers: a credential's value is typed hidden, with what is stored as its placeholder. */
  secretValue?: (row: { name: string; value: string }) => { placeholder: string } | undefined
  addLabel: string
  onChange: (index: number, key: keyof ParamRow, value: string | boolean) => void
  onAdd: () => void
  onRemove: (index: number) => void
}) {
  return (
    <Fieldset legend={props.legend} className="rows">
      {props.rows.map((row, i) => {
        const secret = props.secretValue?.(row)
        return (
          <div className={`row-pair${props.jsonLabel ? ' with-json' : ''}`} key={i}>
            <TextField
              path={`contract.${props.list}.${i}.name`}
              label={props.nameLabel(i + 1)}
              value={row.name}
              onChange={(v) => props.onChange(i, 'name', v)}
            />
            <TextField
              path={`contract.${props.list}.${i}.value`}
              label={props.valueLabel(i + 1)}
              value={row.value}
              {...(secret ? { type: 'password' as const, placeholder: secret.placeholder } : {})}
              onChange={(v) => props.onChange(i, 'value', v)}
            />
            {props.jsonLabel && (
              <label className="check row-json" title={props.jsonLabel(i + 1)}>
                <input
                  type="checkbox"
                  checked={row.json === true}
                  aria-label={props.jsonLabel(i + 1)}
                  onChange={(e) => props.onChange(i, 'json', e.target.checked)}
                />
                <span aria-hidden="true">JSON</span>
              </label>
            )}
            <button
              type="button"
              className="btn-ghost btn-small row-remove"
              onClick={() => props.onRemove(i)}
            >
              {props.removeLabel(i + 1)}
            </button>
          </div>
        )
      })}
      <button type="button" className="btn btn-small" onClick={props.onAdd}>
        {props.addLabel}
      </button>
    </Fieldset>
  )
}
