// Starts nhsuk-frontend's components (character counts, error summary focus, header menu,
// sortable tables). Every page works without it.
import { initAll } from '/nhsuk/nhsuk-frontend.min.js'

initAll()
