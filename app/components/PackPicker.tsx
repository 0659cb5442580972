import { Link } from '@remix-run/react'
import { PostForm } from '~/components/PostForm'
import { useHref, useRootData, useT } from '~/lib/ui'

/**
 * "Add to a course pack": a choice of packs and a button, posting to the page's own action
 * (`pack` = the chosen id, plus any `ids` given); without packs, a link to create one. Nothing
 * on a read-only replica, where packs cannot be written.
 */
export function PackPicker({ packs, label, ids = [], intent }: { packs: { id: string; name: string }[]; label: string; ids?: string[]; intent?: string }) {
  const t = useT()
  const href = useHref()
  const { readOnly } = useRootData()
  if (readOnly) return null
  if (!packs.length) {
    return (
      <Link className="button secondary" to={href('/packs')}>
        {t('addToPack')} · {t('createPackFirst')}
      </Link>
    )
  }
  return (
    <PostForm className="inline-form">
      {ids.map((id) => (
        <input key={id} type="hidden" name="id" value={id} />
      ))}
      <label htmlFor="pack">{label}</label>
      <select id="pack" name="pack" required>
        {packs.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button type="submit" name={intent ? 'intent' : undefined} value={intent} className="secondary">
        {t('add')}
      </button>
    </PostForm>
  )
}
