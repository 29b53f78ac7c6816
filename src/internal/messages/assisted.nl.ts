import type { AssistedMessages } from '../assisted.messages.js';

const nl: AssistedMessages = {
  bar: 'Begeleide modus',
  mediator: 'Code van de begeleider',
  mediatorNone: 'Code van de begeleider: geen',
  mediatorIs: (code) => `Code van de begeleider: ${code}`,
  mediatorHint: 'Wordt met elk antwoord meegestuurd, zodat de organisator de geboden hulp kan tellen. Bewaard tot deze pagina wordt gesloten.',
  mediatorSave: 'Deze code gebruiken',
  nextPerson: 'Volgende persoon',
  nextPersonHint: 'Wist het formulier en alles wat is ingevuld.',
  warningTitle: 'Bent u er nog?',
  warning: (seconds) => `Het formulier wordt over ${seconds} s gewist, met alles wat is ingevuld.`,
  continue: 'Doorgaan',
  clearNow: 'Nu wissen',
};

export default nl;
