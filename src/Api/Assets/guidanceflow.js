// Starts nhsuk-frontend's components (character counts, error summary focus, header menu,
// sortable tables). Every page works without it.
import { initAll } from '/nhsuk/nhsuk-frontend.min.js'

initAll()

// The response form's progress ("3 of 12 recommendations answered so far") follows the answers as they are chosen.
// The server counts the same on every load, so without JavaScript the count is right after each save.
const progress = document.querySelector('[data-answered-of]')
if (progress) {
  const count = progress.querySelector('[data-answered]')
  const update = () => {
    const answered = new Set([...document.querySelectorAll('input[type=radio][name$=".compliance"]:checked')].map(r => r.name))
    count.textContent = String(answered.size)
  }
  document.addEventListener('change', event => {
    if (event.target.matches?.('input[type=radio][name$=".compliance"]')) update()
  })
}
