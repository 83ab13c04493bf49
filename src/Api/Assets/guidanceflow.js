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

// The financial impact form's running totals follow the figures as they are typed; the server
// works out the same totals on every load, so without JavaScript they are right after each save.
const totals = document.querySelector('[data-running-totals]')
if (totals) {
  const form = totals.closest('form')
  const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 })
  const value = input => Number((input?.value ?? '').replace(/[£,\s]/g, '')) || 0
  const recount = () => {
    const net = [0, 0, 0, 0, 0]
    for (const input of form.querySelectorAll('input[name*=".years["]')) {
      const match = /\.years\[(\d)\]\.(\w+)$/.exec(input.name)
      if (!match) continue
      const sign = match[2].endsWith('Saving') ? -1 : 1
      net[Number(match[1])] += sign * value(input)
    }
    net.forEach((n, y) => { totals.querySelector(`[data-year-total="${y}"]`).lastChild.textContent = pounds.format(n) })
    totals.querySelector('[data-grand-total]').lastChild.textContent = pounds.format(net.reduce((a, b) => a + b, 0))
  }
  form.addEventListener('input', event => { if (event.target.name?.includes('.years[')) recount() })
}
