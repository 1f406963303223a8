// The draft order as a page opens: from memory, or read back from storage after a reload.
import { useEffect, useState } from 'react'
import { getDraftOrder, loadDraftOrder, type DraftOrder } from '@/services/draft-order'

/** undefined: there is no draft; null: still reading it. Read once per visit. */
export function useDraftOrder(): DraftOrder | undefined | null {
  const [draft, setDraft] = useState<DraftOrder | undefined | null>(() => getDraftOrder() ?? null)
  useEffect(() => {
    if (draft !== null) return
    let live = true
    void loadDraftOrder().then((loaded) => live && setDraft(loaded))
    return () => {
      live = false
    }
  }, []) // eslint-disable-line react-hooks/exhaustive-deps -- the draft stays what the page opened with
  return draft
}
