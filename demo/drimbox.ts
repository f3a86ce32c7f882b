/**
 * The DMP client's form: the optional StudyInstanceUID is sent only when asked for (the DRIMbox
 * refuses an empty parameter), and is the demo's CT, which the DMP stand-in shares as a KOS
 * manifest with its prior (demo/portal/dmp.mjs).
 */
const checkbox = document.getElementById('with-study') as HTMLInputElement | null;
const input = document.getElementById('study-uid') as HTMLInputElement | null;

checkbox?.addEventListener('change', () => {
  if (input) input.disabled = !checkbox.checked;
});

void fetch('/data/manifest.json')
  .then((response) => (response.ok ? response.json() : undefined))
  .then((data: { studies?: { currentCt?: { studyInstanceUid?: string } } } | undefined) => {
    const uid = data?.studies?.currentCt?.studyInstanceUid;
    if (input && uid && input.value === '') input.value = uid;
  })
  .catch(() => undefined);
